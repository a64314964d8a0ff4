// The D-Bus messages DbusSystemd sends to systemd and how it reads the replies and signals. Writers are built and
// finished inside each synchronous helper (MessageWriter is a ref struct: by value, its body is lost).
using HardenTui.Core.Exposure;
using HardenTui.Core.Tracing;
using HardenTui.Core.Units;
using Tmds.DBus.Protocol;

namespace HardenTui.Host.Systemd;

/// <summary>One PropertiesChanged signal: the object, the interface, the values sent (those HardenTui reads) and the invalidated names.</summary>
internal sealed record PropertyChanges(string Path, string Interface, Dictionary<string, object> Values, string[] Invalidated);

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

    /// <summary>StartUnit/StopUnit/RestartUnit/ReloadUnit(name, "replace").</summary>
    public static MessageBuffer Job(DBusConnection c, string method, string unit)
    {
        using var w = c.GetMessageWriter();
        w.WriteMethodCallHeader(DbusSystemd.Dest, DbusSystemd.ManagerPath, DbusSystemd.Manager, method, "ss");
        w.WriteString(unit);
        w.WriteString("replace");
        return w.CreateMessage();
    }

    /// <summary>A Manager method taking just the unit's name (ResetFailedUnit).</summary>
    public static MessageBuffer UnitCall(DBusConnection c, string method, string unit)
    {
        using var w = c.GetMessageWriter();
        w.WriteMethodCallHeader(DbusSystemd.Dest, DbusSystemd.ManagerPath, DbusSystemd.Manager, method, "s");
        w.WriteString(unit);
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

    /// <summary>
    /// PropertiesChanged(s interface, a{sv} changed, as invalidated): the changed properties HardenTui reads, and the
    /// names systemd says changed without sending their values (properties it marks EMITS_INVALIDATION: Exec*,
    /// Conditions, …), which a watcher re-reads.
    /// </summary>
    public static PropertyChanges ReadChanges(Message m, object? _)
    {
        var r = m.GetBodyReader();
        var iface = r.ReadString();
        var values = ReadDictionary(ref r);
        var invalidated = r.ReadArrayOfString();
        return new PropertyChanges(m.PathAsString ?? "", iface, values, invalidated);
    }

    /// <summary>A Properties.Get reply (v) as the schema kind passed as state; null when systemd sent another type.</summary>
    public static object? ReadTypedVariant(Message m, object? kind)
    {
        var r = m.GetBodyReader();
        var signature = r.ReadSignatureAsSpan();
        return ReadTyped(ref r, (PropertyKind)kind!, signature);
    }

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

    internal static readonly Dictionary<string, PropertyKind> Known = new(UnitProperties.Schema, StringComparer.Ordinal);
    private static readonly Dictionary<string, PropertyKind>.AlternateLookup<ReadOnlySpan<char>> KnownByName = Known.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// An a{sv} of properties, read straight off the message: each name is looked up without making a string, a
    /// property HardenTui does not read (most of systemd's ≈ 350) is skipped by its signature, and a known one is
    /// read as its schema type directly, without a VariantValue. A property whose signature is not the one the
    /// schema expects is skipped (as if the unit did not have it).
    /// </summary>
    private static Dictionary<string, object> ReadDictionary(ref Reader r)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var end = r.ReadDictionaryStart();
        Span<char> buffer = stackalloc char[128];
        while (r.HasNext(end))
        {
            r.AlignStruct();
            var name = r.ReadStringAsSpan();
            var signature = r.ReadSignatureAsSpan();
            if (name.Length <= buffer.Length && Ascii(name, buffer) is { } chars && KnownByName.TryGetValue(chars, out var key, out var kind)
                && ReadTyped(ref r, kind, signature) is { } typed)
                values[key] = typed;
            else
                Skip(ref r, signature);
        }
        return values;
    }

    /// <summary>Property names are ASCII; anything else is no name of ours.</summary>
    private static ReadOnlySpan<char> Ascii(ReadOnlySpan<byte> bytes, Span<char> buffer)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] > 0x7f) return [];
            buffer[i] = (char)bytes[i];
        }
        return buffer[..bytes.Length];
    }

    /// <summary>The value as the kind the schema names, when the variant's signature is that kind's; else null and nothing read.</summary>
    private static object? ReadTyped(ref Reader r, PropertyKind kind, ReadOnlySpan<byte> signature)
    {
        switch (kind)
        {
            case PropertyKind.String when signature.SequenceEqual("s"u8):
                return r.ReadString();
            case PropertyKind.String when signature.SequenceEqual("o"u8):
                return r.ReadObjectPathAsString();
            case PropertyKind.Bool when signature.SequenceEqual("b"u8):
                return r.ReadBool();
            case PropertyKind.Int32 when signature.SequenceEqual("i"u8):
                return (long)r.ReadInt32();
            case PropertyKind.UInt32 when signature.SequenceEqual("u"u8):
                return (ulong)r.ReadUInt32();
            case PropertyKind.UInt64 when signature.SequenceEqual("t"u8):
                return r.ReadUInt64();
            case PropertyKind.Strings when signature.SequenceEqual("as"u8):
                return r.ReadArrayOfString();
            case PropertyKind.Commands when signature.SequenceEqual("a(sasbttttuii)"u8):
                return ReadCommands(ref r, ex: false);
            case PropertyKind.CommandsEx when signature.SequenceEqual("a(sasasttttuii)"u8):
                return ReadCommands(ref r, ex: true);
            case PropertyKind.Filter when signature.SequenceEqual("(bas)"u8):
                r.AlignStruct();
                return new FilterList(r.ReadBool(), r.ReadArrayOfString());
            case PropertyKind.Devices when signature.SequenceEqual("a(ss)"u8):
            {
                var devices = new List<DeviceRule>();
                var end = r.ReadArrayStart(DBusType.Struct);
                while (r.HasNext(end))
                {
                    r.AlignStruct();
                    devices.Add(new DeviceRule(r.ReadString(), r.ReadString()));
                }
                return devices.ToArray();
            }
            case PropertyKind.IpAddresses when signature.SequenceEqual("a(iayu)"u8):
            {
                var entries = new List<IpAccessEntry>();
                var end = r.ReadArrayStart(DBusType.Struct);
                while (r.HasNext(end))
                {
                    r.AlignStruct();
                    var family = r.ReadInt32();
                    var address = r.ReadArrayOfByte();
                    entries.Add(UnitProperties.IpEntry(family, address, (int)r.ReadUInt32()));
                }
                return entries.ToArray();
            }
            default:
                return null;
        }
    }

    /// <summary>a(sasbttttuii) (ExecStart= …: path, argv, ignore-failure, then times, pid, status) or a(sasasttttuii) (the Ex form: flags as strings).</summary>
    private static ExecCommand[] ReadCommands(ref Reader r, bool ex)
    {
        var commands = new List<ExecCommand>();
        var end = r.ReadArrayStart(DBusType.Struct);
        while (r.HasNext(end))
        {
            r.AlignStruct();
            var path = r.ReadString();
            var argv = r.ReadArrayOfString();
            string[] flags = ex ? r.ReadArrayOfString() : r.ReadBool() ? ["ignore-failure"] : [];
            r.ReadUInt64();
            r.ReadUInt64();
            r.ReadUInt64();
            r.ReadUInt64();
            r.ReadUInt32();
            r.ReadInt32();
            r.ReadInt32();
            commands.Add(new ExecCommand(path, argv, flags));
        }
        return commands.ToArray();
    }

    /// <summary>Reads past one value of the given signature without keeping it (arrays are skipped whole, by their length).</summary>
    internal static void Skip(ref Reader r, ReadOnlySpan<byte> signature)
    {
        var i = 0;
        while (i < signature.Length) SkipOne(ref r, signature, ref i);
    }

    private static void SkipOne(ref Reader r, ReadOnlySpan<byte> signature, ref int i)
    {
        var type = signature[i++];
        switch (type)
        {
            case (byte)'y': r.ReadByte(); break;
            case (byte)'b': r.ReadBool(); break;
            case (byte)'n': r.ReadInt16(); break;
            case (byte)'q': r.ReadUInt16(); break;
            case (byte)'i': r.ReadInt32(); break;
            case (byte)'u' or (byte)'h': r.ReadUInt32(); break;
            case (byte)'x': r.ReadInt64(); break;
            case (byte)'t': r.ReadUInt64(); break;
            case (byte)'d': r.ReadDouble(); break;
            case (byte)'s': r.ReadStringAsSpan(); break;
            case (byte)'o': r.ReadObjectPathAsSpan(); break;
            case (byte)'g': r.ReadSignatureAsSpan(); break;
            case (byte)'v': Skip(ref r, r.ReadSignatureAsSpan()); break;
            case (byte)'a':
            {
                var end = r.ReadArrayStart((DBusType)signature[i]);
                r.SkipTo(end);
                SkipType(signature, ref i);
                break;
            }
            case (byte)'(':
                r.AlignStruct();
                while (signature[i] != (byte)')') SkipOne(ref r, signature, ref i);
                i++;
                break;
            default:
                throw new InvalidDataException($"unexpected D-Bus type '{(char)type}' in a property's signature");
        }
    }

    /// <summary>Moves past one complete type in a signature (for an array's element type).</summary>
    private static void SkipType(ReadOnlySpan<byte> signature, ref int i)
    {
        var type = signature[i++];
        if (type == (byte)'a') SkipType(signature, ref i);
        else if (type is (byte)'(' or (byte)'{')
        {
            var close = type == (byte)'(' ? (byte)')' : (byte)'}';
            while (signature[i] != close) SkipType(signature, ref i);
            i++;
        }
    }
}
