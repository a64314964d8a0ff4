namespace HardenTui.Core.Wizard;

/// <summary>A named table of bindings; dispatch tries layers in order (modal, focused widget, screen, global).</summary>
public sealed record BindingLayer(string Name, IReadOnlyList<Binding> Bindings);
