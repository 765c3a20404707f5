using OrderStreams.Avro.Binary;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Resolution;

/// <summary>
/// Reads a record in the writer's field order into the reader's <see cref="GenericRecord"/>: matched fields go to the
/// reader's position, writer-only fields are skipped, reader-only fields get their default.
/// </summary>
internal sealed class RecordNode(RecordSchema reader) : ReadNode
{
    private Step[] _steps = [];
    private (int Position, object? Value)[] _defaults = [];
    private string? _error;

    public void Complete(Step[] steps, (int Position, object? Value)[] defaults, string? error)
    {
        _steps = steps;
        _defaults = defaults;
        _error = error;
    }

    public override object? Read(ref AvroReader r)
    {
        if (_error is not null)
            throw new AvroResolutionException(_error);
        var record = new GenericRecord(reader);
        foreach (var step in _steps)
        {
            if (step.ReaderPosition < 0)
                step.Node.Skip(ref r);
            else
                record[step.ReaderPosition] = step.Node.Read(ref r);
        }

        foreach (var (position, value) in _defaults)
            record[position] = GenericData.DeepCopy(value);
        return record;
    }

    public override void Skip(ref AvroReader r)
    {
        foreach (var step in _steps)
            step.Node.Skip(ref r);
    }

    /// <param name="ReaderPosition">Where the writer field goes in the reader record, or -1 to skip it.</param>
    internal readonly record struct Step(int ReaderPosition, ReadNode Node);
}
