namespace OrderStreams.Avro.Resolution;

/// <summary>One reason a reader schema cannot read a writer schema's data.</summary>
/// <param name="Path">Where in the reader schema, e.g. <c>$.customer.address.zip</c>.</param>
/// <param name="Reason">What is wrong, in a sentence.</param>
public sealed record Incompatibility(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}
