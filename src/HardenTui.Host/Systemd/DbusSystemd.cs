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

    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly JobWaiter _jobs = new();
    private DBusConnection? _connection;
    private Task? _subscribed;

    /// <param name="address">A D-Bus address (unix:path=…).</param>
    /// <param name="root">Where the manager's root file system is seen from here ("/" on a host, /proc/LEADER/root for a sandbox): unit files are read there.</param>
    /// <param name="where">Names the manager in messages ("systemd", "the sandbox's systemd").</param>
    public DbusSystemd(string address, string root = "/", string where = "systemd")
    {
        Address = address;
        Root = root;
        Where = where;
    }

    public string Address { get; }
    public string Root { get; }
    public string Where { get; }

    /// <summary>This machine's systemd: the system bus where one runs, else systemd's private socket (root only,
    /// and only from systemd's own PID namespace: it refuses peers it cannot see).</summary>
    public static DbusSystemd ForHost()
    {
        var env = Environment.GetEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS");
        if (!string.IsNullOrEmpty(env)) return new DbusSystemd(env);
        return new DbusSystemd($"unix:path={(File.Exists(SystemBusSocket) ? SystemBusSocket : PrivateSocket)}");
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

    public async Task<string> CatAsync(string unit, CancellationToken ct = default)
    {
        var p = await GetPropertiesAsync(unit, ct);
        return await UnitText.CatAsync(Root, p.String("FragmentPath"), p.Strings("DropInPaths"), ct);
    }

    public async Task<IAsyncDisposable> WatchUnitAsync(string unit, Action<UnitLiveState> changed, CancellationToken ct = default)
    {
        var connection = await SubscribedAsync(ct);
        var live = new LiveUnit(unit, changed);
        var watch = await WatchAsync(connection, UnitObjectPath.Of(unit), Properties, "PropertiesChanged", Messages.ReadChanges,
            n => { if (n.HasValue) live.Apply(n.Value); });
        try
        {
            var now = await GetPropertiesAsync(unit, ct);
            live.Apply(new Dictionary<string, object>(
                new[] { "ActiveState", "SubState", "Result", "NRestarts", "MainPID" }
                    .Where(now.Has).Select(n => KeyValuePair.Create(n, Value(now, n)))));
        }
        catch
        {
            watch.Dispose();
            throw;
        }
        return new Watch(watch);
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
        watches.Add(await connection.AddMatchAsync(rule, Messages.ReadPathAndChanges, (Notification<(string Path, Dictionary<string, object> Changes)> n) =>
        {
            if (!n.HasValue || UnitObjectPath.NameOf(n.Value.Path) is not { } name) return;
            var (changes, _) = (n.Value.Changes, 0);
            if (changes.ContainsKey("ActiveState") || changes.ContainsKey("SubState"))
                Emit(new ServiceEvent(ServiceEventKind.Changed, name, changes.GetValueOrDefault("ActiveState") as string, changes.GetValueOrDefault("SubState") as string));
        }, emitOnCapturedContext: false, flags: WatchFlags(connection)));
        return new Watch([.. watches]);
    }

    private static object Value(UnitProperties p, string name) =>
        (object?)p.String(name) ?? (object?)p.UNumber(name) ?? "";

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

    private async Task<DBusConnection> ConnectionAsync(CancellationToken ct)
    {
        if (_connection is { } ready) return ready;
        await _connectLock.WaitAsync(ct);
        try
        {
            if (_connection is { } raced) return raced;
            var connection = new DBusConnection(new DBusConnectionOptions(Address) { AutoConnect = false });
            try
            {
                await connection.ConnectAsync().AsTask().WaitAsync(CallTimeout, ct);
            }
            catch (Exception e) when (e is DBusConnectFailedException or DBusConnectionClosedException or TimeoutException)
            {
                connection.Dispose();
                throw SystemdErrors.Unreachable(Address, Where, e);
            }
            return _connection = connection;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private void Forget(DBusConnection connection)
    {
        if (Interlocked.CompareExchange(ref _connection, null, connection) != connection) return;
        lock (_jobs) _subscribed = null;
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
