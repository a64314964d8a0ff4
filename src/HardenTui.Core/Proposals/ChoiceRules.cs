namespace HardenTui.Core.Proposals;

/// <summary>Directives whose safety a trace cannot show: who the service runs as and whom it talks to.</summary>
internal static class ChoiceRules
{
    /// <summary>The Internet binds when every one is on loopback ("AF_INET 127.0.0.1:6379", "AF_INET6 [::1]:6379"); else empty.</summary>
    private static List<ObservedItem> LocalOnly(RuleKit k)
    {
        if (k.Current.IsSet("IPAddressDeny") || !k.Seen.Traced) return [];
        var binds = k.Seen.Of("boundAddress").Where(b => b.Key.StartsWith("AF_INET", StringComparison.Ordinal)).ToList();
        return binds.Count > 0 && binds.All(b => b.Key.Split(' ') is [_, var address] && (address.StartsWith("127.", StringComparison.Ordinal)
            || address.StartsWith("[::1]:", StringComparison.Ordinal) || address.StartsWith("[::ffff:127.", StringComparison.Ordinal)))
            ? binds : [];
    }

    public static IEnumerable<Proposal?> All(RuleKit k)
    {
        var runsAsRoot = k.Current["User"] is null or "root" or "0" && !k.Current.IsYes("DynamicUser");
        yield return k.YourCall("DynamicUser", "yes",
            "runs as root today; a transient user needs its state in StateDirectory= and drops root's file access", !runsAsRoot);
        var sockets = k.Seen.Of("socketFamily").Where(f => f.Key != "AF_UNIX").ToList();
        yield return k.YourCall("PrivateNetwork", "yes", sockets.Count == 0
            ? "no network socket was seen, but clients may reach it through sockets systemd passes in"
            : "the service uses the network (" + string.Join(", ", sockets.Select(s => s.Key)) + ")", k.Current.IsYes("PrivateNetwork"));
        yield return LocalOnly(k) is { Count: > 0 } loopback
            ? new Proposal("IPAddressDeny", [new("IPAddressDeny", "any", "your call: the service bound loopback addresses only; remove both lines if it must reach remote peers"),
                    new("IPAddressAllow", "localhost", "its clients are on this machine")], true,
                "the service bound only loopback addresses, so it looks local-only; turn off if remote clients or peers are expected",
                RuleKit.Lines(loopback), YourCall: true)
            : k.YourCall("IPAddressDeny", "any",
                "which peers may talk to the service is a policy choice; add IPAddressAllow= for them", k.Current.IsSet("IPAddressDeny"));
        yield return k.YourCall("PrivateUsers", "yes",
            "capabilities then only apply inside a user namespace; root-owned files appear as nobody", k.Current.IsYes("PrivateUsers"));
    }
}
