namespace HardenTui.Core.Proposals;

/// <summary>Directives whose safety a trace cannot show: who the service runs as and whom it talks to.</summary>
internal static class ChoiceRules
{
    public static IEnumerable<Proposal?> All(RuleKit k)
    {
        var runsAsRoot = k.Current["User"] is null or "root" or "0" && !k.Current.IsYes("DynamicUser");
        yield return k.YourCall("DynamicUser", "yes",
            "runs as root today; a transient user needs its state in StateDirectory= and drops root's file access", !runsAsRoot);
        var sockets = k.Seen.Of("socketFamily").Where(f => f.Key != "AF_UNIX").ToList();
        yield return k.YourCall("PrivateNetwork", "yes", sockets.Count == 0
            ? "no network socket was seen, but clients may reach it through sockets systemd passes in"
            : "the service uses the network (" + string.Join(", ", sockets.Select(s => s.Key)) + ")", k.Current.IsYes("PrivateNetwork"));
        yield return k.YourCall("IPAddressDeny", "any",
            "which peers may talk to the service is a policy choice; add IPAddressAllow= for them", k.Current.IsSet("IPAddressDeny"));
        yield return k.YourCall("PrivateUsers", "yes",
            "capabilities then only apply inside a user namespace; root-owned files appear as nobody", k.Current.IsYes("PrivateUsers"));
    }
}
