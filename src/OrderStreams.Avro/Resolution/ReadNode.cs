using OrderStreams.Avro.Binary;

namespace OrderStreams.Avro.Resolution;

/// <summary>One step of a compiled resolution plan: reads a writer-schema value and returns the reader's generic value.</summary>
internal abstract class ReadNode
{
    public abstract object? Read(ref AvroReader reader);

    /// <summary>Skips a writer-schema value (used for writer fields the reader does not have).</summary>
    public virtual void Skip(ref AvroReader reader) => Read(ref reader);
}
