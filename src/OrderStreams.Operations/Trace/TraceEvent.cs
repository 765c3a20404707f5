using OrderStreams.Avro.Generic;
using OrderStreams.Operations.DeadLetters;

namespace OrderStreams.Operations.Trace;

/// <summary>One record about the traced order.</summary>
/// <param name="Topic">Where it is.</param>
/// <param name="Partition">Its partition.</param>
/// <param name="Offset">Its offset.</param>
/// <param name="Timestamp">Its record timestamp (the runtime gives outputs their input's time).</param>
/// <param name="Key">Its key as text.</param>
/// <param name="Type">The event: the chosen branch of a union of records (<c>OrderPaid</c>, <c>OrderDelivered</c>), else the record name.</param>
/// <param name="Value">The decoded value with its writer's schema, or null when it does not decode.</param>
/// <param name="DecodeError">Why the value does not decode.</param>
/// <param name="DeadLetter">Why it was dead-lettered, for a record on a dead-letter topic.</param>
/// <param name="RedrivenFrom">The dead letter it was redriven from, for a redriven record.</param>
/// <param name="TraceParent">Its W3C <c>traceparent</c> header: the trace and the span that produced it.</param>
public sealed record TraceEvent(
    string Topic,
    int Partition,
    long Offset,
    DateTimeOffset Timestamp,
    string? Key,
    string Type,
    GenericRecord? Value,
    string? DecodeError,
    DeadLetterReason? DeadLetter,
    string? RedrivenFrom,
    string? TraceParent = null);
