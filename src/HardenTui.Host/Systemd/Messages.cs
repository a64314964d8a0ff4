// The D-Bus messages DbusSystemd sends to systemd and how it reads the replies and signals. Writers are built and
// finished inside each synchronous helper (MessageWriter is a ref struct: by value, its body is lost).
using HardenTui.Core.Tracing;
using HardenTui.Core.Units;
using Tmds.DBus.Protocol;

namespace HardenTui.Host.Systemd;

internal static class Messages
{
    private static readonly string[] ServicePattern = ["*.service"];

    public static MessageBuffer Manager(DBusConnection c, string member)
    {
        using var w = c.GetMessageWriter();
        w.WriteMethodCallHeader(DbusSystemd.Dest, DbusSystemd.ManagerPath, DbusSystemd.Manager, member);
        return w.CreateMessage();
    }

    /// <summary>ListUnitsByPatterns(states=[], patterns=["*.service"]).</summary>
    public static MessageBuffer ListServices(DBusConnection c)
    {
        using var w = c.GetMessageWriter();
        w.WriteMethodCallHeader(DbusSystemd.Dest, DbusSystemd.ManagerPath, DbusSystemd.Manager, "ListUnitsByPatterns", "asas");
        w.WriteArray(Array.Empty<string>());
        w.WriteArray(ServicePattern);
        return w.CreateMessage();
    }

    /// <summary>StartUnit/StopUnit/RestartUnit(name, "replace").</summary>
    public static MessageBuffer Job(DBusConnection c, string method, string unit)
    {
        using var w = c.GetMessageWriter();
        w.WriteMethodCallHeader(DbusSystemd.Dest, DbusSystemd.ManagerPath, DbusSystemd.Manager, method, "ss");
        w.WriteString(unit);
        w.WriteString("replace");
        return w.CreateMessage();
    }

    /// <summary>Properties.GetAll("") on a unit's object path: every interface in one reply (systemd loads the unit if needed).</summary>
    public static MessageBuffer GetAll(DBusConnection c, string path)
    {
        using var w = c.GetMessageWriter();
        w.WriteMethodCallHeader(DbusSystemd.Dest, path, DbusSystemd.Properties, "GetAll", "s");
        w.WriteString("");
        return w.CreateMessage();
    }

    public static MessageBuffer Get(DBusConnection c, string path, string iface, string name)
    {
        using var w = c.GetMessageWriter();
        w.WriteMethodCallHeader(DbusSystemd.Dest, path, DbusSystemd.Properties, "Get", "ss");
        w.WriteString(iface);
        w.WriteString(name);
        return w.CreateMessage();
    }

    /// <summary>a(ssssssouso): name, description, load, active, sub state (the rest is skipped).</summary>
    public static List<UnitStatus> ReadUnits(Message m, object? _)
    {
        var r = m.GetBodyReader();
        var units = new List<UnitStatus>();
        var end = r.ReadArrayStart(DBusType.Struct);
        while (r.HasNext(end))
        {
            r.AlignStruct();
            var name = r.ReadString();
            var description = r.ReadString();
            var load = r.ReadString();
            var active = r.ReadString();
            var sub = r.ReadString();
            r.ReadStringAsSpan();
            r.ReadObjectPathAsSpan();
            r.ReadUInt32();
            r.ReadStringAsSpan();
            r.ReadObjectPathAsSpan();
            units.Add(new UnitStatus(name, description, load, active, sub));
        }
        return units;
    }

    public static string ReadObjectPath(Message m, object? _) => m.GetBodyReader().ReadObjectPathAsString();

    public static string ReadVariantString(Message m, object? _) => m.GetBodyReader().ReadVariantValue().GetString();

    /// <summary>GetAll's a{sv}: only the properties in <see cref="UnitProperties.Schema"/> are kept, typed.</summary>
    public static Dictionary<string, object> ReadProperties(Message m, object? _)
    {
        var r = m.GetBodyReader();
        return ReadDictionary(ref r);
    }

    /// <summary>PropertiesChanged(s interface, a{sv} changed, as invalidated): the changed properties HardenTui reads.</summary>
    public static Dictionary<string, object> ReadChanges(Message m, object? _)
    {
        var r = m.GetBodyReader();
        r.ReadStringAsSpan();
        return ReadDictionary(ref r);
    }

    public static (string Path, Dictionary<string, object> Changes) ReadPathAndChanges(Message m, object? s) =>
        (m.PathAsString ?? "", ReadChanges(m, s));

    /// <summary>UnitNew/UnitRemoved(s id, o path): the unit's name.</summary>
    public static string ReadUnitName(Message m, object? _) => m.GetBodyReader().ReadString();

    /// <summary>JobRemoved(u id, o job, s unit, s result).</summary>
    public static (string Job, string Unit, string Result) ReadJobRemoved(Message m, object? _)
    {
        var r = m.GetBodyReader();
        r.ReadUInt32();
        var job = r.ReadObjectPathAsString();
        var unit = r.ReadString();
        return (job, unit, r.ReadString());
    }

    private static Dictionary<string, object> ReadDictionary(ref Reader r)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var end = r.ReadDictionaryStart();
        while (r.HasNext(end))
        {
            r.AlignStruct();
            var name = r.ReadString();
            var value = r.ReadVariantValue();
            if (UnitProperties.Schema.TryGetValue(name, out var kind) && Decode(kind, value) is { } typed)
                values[name] = typed;
        }
        return values;
    }

    /// <summary>A variant as the kind the schema names; null when systemd sent another type.</summary>
    internal static object? Decode(PropertyKind kind, VariantValue v)
    {
        try
        {
            return kind switch
            {
                PropertyKind.String => v.Type is VariantValueType.String or VariantValueType.ObjectPath ? v.GetString() : null,
                PropertyKind.Bool => v.Type == VariantValueType.Bool ? v.GetBool() : null,
                PropertyKind.Int32 => v.Type == VariantValueType.Int32 ? (long)v.GetInt32() : null,
                PropertyKind.UInt32 => v.Type == VariantValueType.UInt32 ? (ulong)v.GetUInt32() : null,
                PropertyKind.UInt64 => v.Type == VariantValueType.UInt64 ? v.GetUInt64() : null,
                PropertyKind.Strings => v.Type == VariantValueType.Array ? v.GetArray<string>() : null,
                PropertyKind.Commands => Items(v, e => new ExecCommand(e.GetItem(0).GetString(), e.GetItem(1).GetArray<string>(),
                    e.GetItem(2).GetBool() ? ["ignore-failure"] : [])),
                PropertyKind.CommandsEx => Items(v, e => new ExecCommand(e.GetItem(0).GetString(), e.GetItem(1).GetArray<string>(), e.GetItem(2).GetArray<string>())),
                PropertyKind.Filter => v.Type == VariantValueType.Struct ? new FilterList(v.GetItem(0).GetBool(), v.GetItem(1).GetArray<string>()) : null,
                PropertyKind.Devices => Items(v, e => new DeviceRule(e.GetItem(0).GetString(), e.GetItem(1).GetString())),
                PropertyKind.IpAddresses => Items(v, e => UnitProperties.IpEntry(e.GetItem(0).GetInt32(), e.GetItem(1).GetArray<byte>(), (int)e.GetItem(2).GetUInt32())),
                _ => null,
            };
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        catch (InvalidCastException)
        {
            return null;
        }
    }

    private static T[]? Items<T>(VariantValue v, Func<VariantValue, T> item)
    {
        if (v.Type != VariantValueType.Array) return null;
        var result = new T[v.Count];
        for (var i = 0; i < result.Length; i++) result[i] = item(v.GetItem(i));
        return result;
    }
}
