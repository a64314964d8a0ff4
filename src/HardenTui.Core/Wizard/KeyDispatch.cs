namespace HardenTui.Core.Wizard;

/// <summary>Turns a key into the message of the first matching binding, layer by layer.</summary>
public static class KeyDispatch
{
    /// <summary>The binding's message; a disabled binding yields its reason; no binding yields null.</summary>
    public static (Msg? Msg, string? Refusal) Resolve(WizardModel model, KeyPress key)
    {
        foreach (var layer in KeyTables.Layers(model))
        {
            var binding = layer.Bindings.FirstOrDefault(b => b.Keys.Contains(key.Name))
                          ?? layer.Bindings.FirstOrDefault(b => b.Matches(key));
            if (binding is null)
                continue;
            if (binding.WhyDisabled(model) is { } reason)
                return (null, $"{key}: {reason}");
            var msg = binding.Send(model);
            return (msg is Msg.Type && key.IsPrintable ? new Msg.Type(key.Name[0]) : msg, null);
        }
        return (null, null);
    }
}
