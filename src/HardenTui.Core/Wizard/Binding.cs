namespace HardenTui.Core.Wizard;

/// <summary>
/// One key binding, as data: the keys, the help text, the message it sends, and (when it cannot be used now) the
/// reason why. The same tables drive dispatch, the help bar and the `?` help, so a key cannot exist unlisted.
/// <see cref="AnyCharacter"/> in <see cref="Keys"/> matches every printable key (text inputs).
/// </summary>
public sealed record Binding(
    IReadOnlyList<string> Keys,
    string Help,
    Func<WizardModel, Msg> Send,
    Func<WizardModel, string?>? DisabledReason = null,
    bool InBar = true)
{
    public const string AnyCharacter = "<char>";

    public Binding(string keys, string help, Func<WizardModel, Msg> send, Func<WizardModel, string?>? disabledReason = null, bool inBar = true)
        : this(keys.Split(' '), help, send, disabledReason, inBar)
    {
    }

    public bool Matches(KeyPress key) => Keys.Contains(key.Name) || (key.IsPrintable && Keys.Contains(AnyCharacter));

    public string? WhyDisabled(WizardModel model) => DisabledReason?.Invoke(model);

    /// <summary>The keys as the help shows them ("j/down").</summary>
    public string KeyLabel => string.Join("/", Keys.Select(k => k == AnyCharacter ? "text" : k));
}
