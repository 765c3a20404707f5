using Confluent.Kafka;

namespace OrderStreams.Operations.DeadLetters;

/// <summary>One dead letter in a redrive plan: what happens to it and, when produced, what goes where.</summary>
/// <param name="DeadLetter">The dead letter.</param>
/// <param name="Action">What happens to it.</param>
/// <param name="Target">The source topic partition it goes back to, or null when skipped.</param>
/// <param name="Key">The key to produce.</param>
/// <param name="Value">The value to produce.</param>
public sealed record RedriveStep(DeadLetter DeadLetter, RedriveAction Action, TopicPartition? Target, byte[]? Key, byte[]? Value);
