namespace OrderStreams.SchemaRegistry.Client;

/// <summary>The registry's verdict on a candidate schema; <see cref="Messages"/> says why it is incompatible.</summary>
public sealed record CompatibilityVerdict(bool IsCompatible, IReadOnlyList<string> Messages);
