// ISystemd over D-Bus (Tmds.DBus.Protocol): one connection per systemd, requests pipelined, jobs awaited through
// the JobRemoved signal (after Manager.Subscribe), live state through PropertiesChanged. Messages are built in
// synchronous helpers (MessageWriter is a ref struct: never passed by value, never kept across an await).
using HardenTui.Core.Units;
using HardenTui.Host.Process;
using HardenTui.Host.Sandbox;
using Tmds.DBus.Protocol;

namespace HardenTui.Host.Systemd;

public sealed class DbusSystemd : ISystemd, IDisposable
{
    internal const string Dest = "org.freedesktop.systemd1";
    internal const string ManagerPath = "/org/freedesktop/systemd1";
    internal const string Manager = "org.freedesktop.systemd1.Manager";
    internal const string Properties = "org.freedesktop.DBus.Properties";
    internal const string UnitInterface = "org.freedesktop.systemd1.Unit";
    internal const string ServiceInterface = "org.freedesktop.systemd1.Service";
    private const string SystemBusSocket = "/run/dbus/system_bus_socket";
    private const string PrivateSocket = "/run/systemd/private";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(90);

    private readonly JobWaiter _jobs = new();
    private DBusConnection? _connection;
    private Task<DBusConnection>? _connecting;
    private Task? _subscribed;

    /// <param name="address">A D-Bus address (unix:path=…).</param>
    /// <param name="root">Where the manager's root file system is seen from here ("/" on a host, /proc/LEADER/root for a sandbox): unit files are read there.</param>
    /// <param name="where">Names the manager in messages ("systemd", "the sandbox's systemd").</param>
    /// <param name="fallback">Tried when <paramref name="address"/> cannot be connected to (root's private socket first, then the bus).</param>
    public DbusSystemd(string address, string root = "/", string where = "systemd", string? fallback = null)
    {
        Address = address;
        Root = root;
        Where = where;
        Fallback = fallback;
    }

    public string Address { get; }
    public string? Fallback { get; }
    public string Root { get; }
    public string Where { get; }

    /// <summary>
    /// This machine's systemd. As root, systemd's private socket first, as systemctl and systemd-analyze do: no
    /// dbus-daemon between us and systemd (one hop less per message, and the daemon's own work). It is root-only
    /// and systemd refuses peers outside its PID namespace, so where it cannot be connected to (a container that
    /// sees the host's /run) the system bus is used. As a user, the system bus (else the private socket, for the
    /// one-line refusal).
    /// </summary>
    public static DbusSystemd ForHost()
    {
        var env = Environment.GetEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS");
        if (!string.IsNullOrEmpty(env)) return new DbusSystemd(env);
        var bus = File.Exists(SystemBusSocket) ? $"unix:path={SystemBusSocket}" : null;
        if (Environment.IsPrivilegedProcess && File.Exists(PrivateSocket))
            return new DbusSystemd($"unix:path={PrivateSocket}", fallback: bus);
        return new DbusSystemd(bus ?? $"unix:path={PrivateSocket}");
    }

    /// <summary>A sandbox's systemd, through the system bus of its leader's root (systemd's private socket would
    /// refuse us: we are outside its PID namespace).</summary>
    public static DbusSystemd ForSandbox(int leaderPid) =>
        new($"unix:path=/proc/{leaderPid}/root{SystemBusSocket}", $"/proc/{leaderPid}/root", "the sandbox's systemd");

    /// <summary>The systemd a runner's commands reach: the sandbox's for a sandbox runner, else this machine's.</summary>
    public static DbusSystemd For(IProcessRunner runner) =>
        runner is SandboxProcessRunner sandbox ? ForSandbox(sandbox.LeaderPid) : ForHost();

    public async Task<IReadOnlyList<UnitStatus>> ListServicesAsync(CancellationToken ct = default)
    {
        var units = await CallAsync("ListUnitsByPatterns", c => Messages.ListServices(c), Messages.ReadUnits, ct);
        return units.Where(u => u.LoadState != "not-found").OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<UnitProperties> GetPropertiesAsync(string unit, CancellationToken ct = default)
    {
        var values = await CallAsync($"properties of {unit}", c => Messages.GetAll(c, UnitObjectPath.Of(unit)), Messages.ReadProperties, ct, unit);
        var result = new UnitProperties(unit, values);
        if (result.String("LoadState") is "not-found" or null)
            throw new UnitNotFoundException(unit);
        return result;
    }

    public async Task<IReadOnlyList<UnitProperties>> GetPropertiesManyAsync(IReadOnlyList<string> units, CancellationToken ct = default)
    {
        if (units.Count == 0) return [];
        var connection = await ConnectionAsync(ct);
        // Every request is written before the first reply is read: one round trip's latency for all of them.
        var pending = units.Select(u => CallAsync($"properties of {u}", connection, c => Messages.GetAll(c, UnitObjectPath.Of(u)), Messages.ReadProperties, ct, u)).ToList();
        var result = new List<UnitProperties>(units.Count);
        for (var i = 0; i < units.Count; i++)
        {
            try
            {
                var p = new UnitProperties(units[i], await pending[i]);
                if (p.String("LoadState") is not ("not-found" or null)) result.Add(p);
            }
            catch (UnitNotFoundException) { }
        }
        return result;
    }

    public async Task<string> GetManagerStringAsync(string name, CancellationToken ct = default) =>
        await CallAsync($"Manager {name}", c => Messages.Get(c, ManagerPath, Manager, name), Messages.ReadVariantString, ct);

    public Task DaemonReloadAsync(CancellationToken ct = default) =>
        CallAsync("daemon-reload", c => Messages.Manager(c, "Reload"), static (_, _) => true, ct, timeout: ReloadTimeout);

    public Task StartAsync(string unit, TimeSpan timeout, CancellationToken ct = default) => JobAsync("StartUnit", unit, timeout, ct);
    public Task StopAsync(string unit, TimeSpan timeout, CancellationToken ct = default) => JobAsync("StopUnit", unit, timeout, ct);
    public Task RestartAsync(string unit, TimeSpan timeout, CancellationToken ct = default) => JobAsync("RestartUnit", unit, timeout, ct);
    public Task ReloadAsync(string unit, TimeSpan timeout, CancellationToken ct = default) => JobAsync("ReloadUnit", unit, timeout, ct);

    public Task ResetFailedAsync(string unit, CancellationToken ct = default) =>
        CallAsync($"ResetFailedUnit {unit}", c => Messages.UnitCall(c, "ResetFailedUnit", unit), static (_, _) => true, ct, unit);

    public async Task<string> CatAsync(string unit, CancellationToken ct = default)
    {
        var p = await GetPropertiesAsync(unit, ct);
        return await UnitText.CatAsync(Root, p.String("FragmentPath"), p.Strings("DropInPaths"), ct);
    }

    public Task<IAsyncDisposable> WatchUnitAsync(string unit, Action<UnitLiveState> changed, CancellationToken ct = default) =>
        WatchPropertiesAsync(unit, LiveUnit.Names, new LiveUnit(unit, changed).Apply, ct);

    /// <summary>
    /// Follows some of a unit's properties (names of <see cref="UnitProperties.Schema"/>): <paramref name="changed"/>
    /// hears their values once at the start, then from every PropertiesChanged that names them, whether it carries
    /// the new value or only says the property is invalidated; an invalidated one is read again with
    /// Properties.Get and reported when the answer comes. Called on a thread of the connection.
    /// </summary>
    internal async Task<IAsyncDisposable> WatchPropertiesAsync(string unit, IReadOnlyCollection<string> names,
        Action<IReadOnlyDictionary<string, object>> changed, CancellationToken ct = default)
    {
        var connection = await SubscribedAsync(ct);
        var path = UnitObjectPath.Of(unit);
        void Report(IEnumerable<KeyValuePair<string, object>> values)
        {
            var wanted = values.Where(v => names.Contains(v.Key)).ToDictionary(StringComparer.Ordinal);
            if (wanted.Count == 0) return;
            try { changed(wanted); }
            catch (Exception) { /* a handler that throws would disconnect the connection */ }
        }
        var watch = await WatchAsync(connection, path, Properties, "PropertiesChanged", Messages.ReadChanges, n =>
        {
            if (!n.HasValue) return;
            Report(n.Value.Values);
            var stale = n.Value.Invalidated.Where(names.Contains).ToList();
            if (stale.Count > 0) _ = RefetchAsync(connection, path, n.Value.Interface, stale, Report);
        });
        try
        {
            var now = await CallAsync($"properties of {unit}", connection, c => Messages.GetAll(c, path), Messages.ReadProperties, ct, unit);
            if (now.GetValueOrDefault("LoadState") is "not-found" or null) throw new UnitNotFoundException(unit);
            Report(now);
        }
        catch
        {
            watch.Dispose();
            throw;
        }
        return new Watch(watch);
    }

    /// <summary>Reads invalidated properties again (one Properties.Get each, pipelined) and reports those that answer; never throws.</summary>
    private static async Task RefetchAsync(DBusConnection connection, string path, string iface, IReadOnlyList<string> names,
        Action<IEnumerable<KeyValuePair<string, object>>> report)
    {
        var pending = names.Where(Messages.Known.ContainsKey)
            .Select(n => (Name: n, Value: connection.CallMethodAsync(Messages.Get(connection, path, iface, n), Messages.ReadTypedVariant, Messages.Known[n])))
            .ToList();
        var values = new List<KeyValuePair<string, object>>();
        foreach (var (name, value) in pending)
        {
            try
            {
                if (await value.WaitAsync(CallTimeout) is { } v) values.Add(KeyValuePair.Create(name, v));
            }
            catch (Exception) { /* the unit went away, or the connection: nothing to report */ }
        }
        if (values.Count > 0) report(values);
    }

    public async Task<IAsyncDisposable> WatchServicesAsync(Action<ServiceEvent> changed, CancellationToken ct = default)
    {
        var connection = await SubscribedAsync(ct);
        void Emit(ServiceEvent e)
        {
            if (!e.Unit.EndsWith(".service", StringComparison.Ordinal)) return;
            try { changed(e); }
            catch (Exception) { /* a handler that throws would disconnect the connection */ }
        }
        void Changed(string name, IEnumerable<KeyValuePair<string, object>> values)
        {
            var changes = values.ToDictionary(StringComparer.Ordinal);
            if (changes.ContainsKey("ActiveState") || changes.ContainsKey("SubState"))
                Emit(new ServiceEvent(ServiceEventKind.Changed, name, changes.GetValueOrDefault("ActiveState") as string, changes.GetValueOrDefault("SubState") as string));
        }
        var watches = new List<IDisposable>
        {
            await WatchAsync(connection, ManagerPath, Manager, "UnitNew", Messages.ReadUnitName,
                n => { if (n.HasValue) Emit(new ServiceEvent(ServiceEventKind.Appeared, n.Value)); }),
            await WatchAsync(connection, ManagerPath, Manager, "UnitRemoved", Messages.ReadUnitName,
                n => { if (n.HasValue) Emit(new ServiceEvent(ServiceEventKind.Disappeared, n.Value)); }),
        };
        var rule = new MatchRule
        {
            Type = MessageType.Signal, PathNamespace = UnitObjectPath.Prefix.TrimEnd('/'), Interface = Properties, Member = "PropertiesChanged",
            Arg0 = UnitInterface,
        };
        watches.Add(await connection.AddMatchAsync(rule, Messages.ReadChanges, (Notification<PropertyChanges> n) =>
        {
            if (!n.HasValue || UnitObjectPath.NameOf(n.Value.Path) is not { } name) return;
            Changed(name, n.Value.Values);
            var stale = n.Value.Invalidated.Where(p => p is "ActiveState" or "SubState").ToList();
            if (stale.Count > 0) _ = RefetchAsync(connection, n.Value.Path, n.Value.Interface, stale, v => Changed(name, v));
        }, emitOnCapturedContext: false, flags: WatchFlags(connection)));
        return new Watch([.. watches]);
    }

    private async Task JobAsync(string method, string unit, TimeSpan timeout, CancellationToken ct)
    {
        await SubscribedAsync(ct);
        var job = await CallAsync($"{method} {unit}", c => Messages.Job(c, method, unit), Messages.ReadObjectPath, ct, unit);
        string result;
        try
        {
            result = await _jobs.WaitAsync(job, timeout, ct);
        }
        catch (TimeoutException)
        {
            throw new SystemdException($"{method} {unit}: the job did not finish within {timeout.TotalSeconds:0} s");
        }
        if (result == "done" && method == "StopUnit") return;
        var p = await GetPropertiesAsync(unit, ct);
        var active = p.String("ActiveState") ?? "unknown";
        var failed = result != "done" || active == "failed" || (active == "inactive" && p.String("Result") is { } r && r != "success");
        if (failed)
            throw new JobFailedException(unit, result, active, p.String("SubState") ?? "unknown", p.String("Result") ?? "unknown");
    }

    private async Task<DBusConnection> SubscribedAsync(CancellationToken ct)
    {
        var connection = await ConnectionAsync(ct);
        Task subscribed;
        lock (_jobs)
            subscribed = _subscribed ??= SubscribeAsync(connection);
        try
        {
            await subscribed.WaitAsync(ct);
        }
        catch
        {
            lock (_jobs)
                if (_subscribed == subscribed) _subscribed = null;
            throw;
        }
        return connection;
    }

    /// <summary>JobRemoved is watched before Subscribe, and Subscribe before any job: systemd sends job and unit
    /// signals only while a client is subscribed (on a full system logind is; in a minimal container nobody is).</summary>
    private async Task SubscribeAsync(DBusConnection connection)
    {
        await WatchAsync(connection, ManagerPath, Manager, "JobRemoved", Messages.ReadJobRemoved, _jobs.OnJobRemoved);
        await CallAsync("Subscribe", connection, c => Messages.Manager(c, "Subscribe"), static (_, _) => true, CancellationToken.None);
    }

    private static async Task<IDisposable> WatchAsync<T>(DBusConnection connection, string path, string iface, string member,
        MessageValueReader<T> reader, Action<Notification<T>> handler)
    {
        void Safe(Notification<T> n)
        {
            try { handler(n); }
            catch (Exception) { /* a handler that throws would disconnect the connection */ }
        }
        return await connection.WatchSignalAsync(null, path, iface, member, reader, Safe, WatchFlags(connection), emitOnCapturedContext: false);
    }

    /// <summary>systemd's private socket has no bus to add matches to: there, systemd sends every signal to every peer.</summary>
    private static ObserverFlags WatchFlags(DBusConnection connection) =>
        ObserverFlags.EmitOnConnectionClosed | (connection.UniqueName is null ? ObserverFlags.NoSubscribe : ObserverFlags.None);

    private Task<T> CallAsync<T>(string what, Func<DBusConnection, MessageBuffer> build, MessageValueReader<T> reader, CancellationToken ct,
        string? unit = null, TimeSpan? timeout = null) =>
        CallCoreAsync(what, build, reader, ct, unit, timeout);

    private async Task<T> CallCoreAsync<T>(string what, Func<DBusConnection, MessageBuffer> build, MessageValueReader<T> reader, CancellationToken ct,
        string? unit, TimeSpan? timeout) =>
        await CallAsync(what, await ConnectionAsync(ct), build, reader, ct, unit, timeout);

    private async Task<T> CallAsync<T>(string what, DBusConnection connection, Func<DBusConnection, MessageBuffer> build, MessageValueReader<T> reader,
        CancellationToken ct, string? unit = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? CallTimeout;
        try
        {
            return await connection.CallMethodAsync(build(connection), reader).WaitAsync(limit, ct);
        }
        catch (DBusErrorReplyException e)
        {
            throw SystemdErrors.FromReply(what, unit, e);
        }
        catch (DBusConnectionClosedException e)
        {
            Forget(connection);
            throw new SystemdException($"{what}: the D-Bus connection to {Where} closed ({SystemdErrors.OneLine(e.InnerException?.Message ?? e.Message)})");
        }
        catch (TimeoutException)
        {
            throw new SystemdException($"{what}: {Where} did not answer within {limit.TotalSeconds:0} s");
        }
    }

    /// <summary>The connection; callers that come while it is being made all wait for the one attempt (no queue behind a lock).</summary>
    private async Task<DBusConnection> ConnectionAsync(CancellationToken ct)
    {
        if (_connection is { } ready) return ready;
        Task<DBusConnection> connecting;
        lock (_jobs)
            connecting = _connecting ??= ConnectAnyAsync();
        try
        {
            return await connecting.WaitAsync(ct);
        }
        catch
        {
            lock (_jobs)
                if (_connecting == connecting && connecting.IsCompleted) _connecting = null; // failed: the next call tries again
            throw;
        }
    }

    private async Task<DBusConnection> ConnectAnyAsync()
    {
        try
        {
            return _connection = await ConnectAsync(Address, CancellationToken.None);
        }
        catch (SystemdException) when (Fallback is not null)
        {
            return _connection = await ConnectAsync(Fallback, CancellationToken.None);
        }
    }

    private async Task<DBusConnection> ConnectAsync(string address, CancellationToken ct)
    {
        var connection = new DBusConnection(address == $"unix:path={PrivateSocket}" && Environment.IsPrivilegedProcess
            ? new PrivateSocketOptions(PrivateSocket) { AutoConnect = false }
            : new DBusConnectionOptions(address) { AutoConnect = false });
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(CallTimeout, ct);
            return connection;
        }
        catch (Exception e) when (e is DBusConnectFailedException or DBusConnectionClosedException or TimeoutException)
        {
            connection.Dispose();
            throw SystemdErrors.Unreachable(address, Where, e);
        }
    }

    private void Forget(DBusConnection connection)
    {
        if (Interlocked.CompareExchange(ref _connection, null, connection) != connection) return;
        lock (_jobs)
        {
            _subscribed = null;
            _connecting = null;
        }
        _jobs.FailAll(new SystemdException($"the D-Bus connection to {Where} closed"));
        connection.Dispose();
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _connection = null;
    }

    private sealed class Watch(params IDisposable[] parts) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            foreach (var p in parts) p.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Keeps the last known state of one unit and reports it whole on every change.</summary>
    private sealed class LiveUnit(string unit, Action<UnitLiveState> changed)
    {
        public static readonly IReadOnlyCollection<string> Names = ["ActiveState", "SubState", "Result", "NRestarts", "MainPID"];
        private UnitLiveState _state = new(unit, "", "", "", 0, 0);

        public void Apply(IReadOnlyDictionary<string, object> changes)
        {
            UnitLiveState now;
            lock (this)
            {
                var s = _state;
                foreach (var (name, value) in changes)
                    s = (name, value) switch
                    {
                        ("ActiveState", string v) => s with { ActiveState = v },
                        ("SubState", string v) => s with { SubState = v },
                        ("Result", string v) => s with { Result = v },
                        ("NRestarts", ulong v) => s with { Restarts = (uint)v },
                        ("MainPID", ulong v) => s with { MainPid = (uint)v },
                        _ => s,
                    };
                if (s == _state) return;
                _state = now = s;
            }
            try { changed(now); }
            catch (Exception) { /* a handler that throws would disconnect the connection */ }
        }
    }
}
