using HardenTui.Host.Tests.Tui;
using Xunit;

namespace HardenTui.Host.Tests.Versions;

/// <summary>
/// The wizard's whole journey (<see cref="WizardJourney"/>) on Debian 13's systemd 257, in Debian 13's tmux at 80×24:
/// pick, trace, levels, review, $EDITOR, apply, restart verified, nginx serving, rollback; the wizard's proposals use
/// 257's values.
/// </summary>
[Collection("trixie-sandbox")]
public class TrixieWizardInTmuxTests(TrixieSandboxFixture trixie)
{
    [Fact]
    public Task Nginx_picked_traced_reviewed_and_applied_in_the_wizard_on_257_still_serves_and_rolls_back() =>
        WizardJourney.HardenNginxAsync(trixie, "hardentui-e2e-257", systemdVersion: 257, columns: 80, rows: 24,
            expectedLines: ["PrivateTmp=disconnected", "ProtectControlGroups=strict"]);
}
