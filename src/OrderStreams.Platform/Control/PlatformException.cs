namespace OrderStreams.Platform.Control;

/// <summary>The dev platform is not reachable or refused a request; the message says why, for the user.</summary>
public sealed class PlatformException(string message) : Exception(message);
