using OrderStreams.Avro.Binary;

namespace OrderStreams.Avro.Resolution;

/// <summary>A writer value the reader schema cannot represent: reading it fails, skipping it works.</summary>
internal sealed class FailNode(string message, ReadNode? writerSkip) : ReadNode
{
    public override object? Read(ref AvroReader reader) => throw new AvroResolutionException(message);

    public override void Skip(ref AvroReader reader)
    {
        if (writerSkip is null)
            throw new AvroResolutionException(message);
        writerSkip.Skip(ref reader);
    }
}
