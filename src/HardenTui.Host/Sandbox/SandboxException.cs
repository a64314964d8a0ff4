namespace HardenTui.Host.Sandbox;

public sealed class SandboxException(string message) : Exception(message);
