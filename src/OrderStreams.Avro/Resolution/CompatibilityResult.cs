namespace OrderStreams.Avro.Resolution;

public sealed record CompatibilityResult(IReadOnlyList<Incompatibility> Incompatibilities)
{
    public static CompatibilityResult Compatible { get; } = new([]);

    public bool IsCompatible => Incompatibilities.Count == 0;

    public override string ToString() =>
        IsCompatible ? "compatible" : string.Join(Environment.NewLine, Incompatibilities.Select(i => i.ToString()));
}
