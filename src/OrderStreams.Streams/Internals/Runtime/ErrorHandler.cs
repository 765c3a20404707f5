using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrderStreams.Kafka.Clients;
using OrderStreams.Streams.Errors;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.Internals.Runtime;

/// <summary>
/// Applies the configured <see cref="ExceptionHandling"/> to bad records; dead letters keep the original key and value
/// bytes and carry KIP-1034 error headers. The one handler of a thread's deserialization, processing and production
/// errors: its record collector makes it, and its tasks reach it through the collector.
/// </summary>
internal sealed class ErrorHandler(StreamsConfig config, ILogger logger, IRecordCollector deadLetters)
{

    public void OnDeserializationError(ConsumeResult<byte[], byte[]> raw, Exception error, TaskId task) =>
        Handle(config.DeserializationExceptionHandling, "deserialize", raw, error, task);

    public void OnProcessingError(ConsumeResult<byte[], byte[]> raw, Exception error, TaskId task) =>
        Handle(config.ProcessingExceptionHandling, "process", raw, error, task);

    /// <summary>A record the producer could not deliver; <paramref name="raw"/> describes it as it was sent.</summary>
    public void OnProductionError(ConsumeResult<byte[], byte[]> raw, Exception error)
    {
        // A dead letter that cannot be produced must not become another dead letter.
        var handling = raw.Topic == config.DeadLetterQueueTopic ? ExceptionHandling.Fail : config.ProductionExceptionHandling;
        Handle(handling, "produce", raw, error, null);
    }

    private void Handle(ExceptionHandling handling, string verb, ConsumeResult<byte[], byte[]> raw, Exception error, TaskId? task)
    {
        var where = $"{raw.Topic}-{raw.Partition.Value}@{raw.Offset.Value}";
        switch (handling)
        {
            case ExceptionHandling.Fail:
                throw new StreamsException($"Could not {verb} the record at {where}{(task is null ? "" : $" in task {task}")}: {error.Message}", error)
                {
                    Topic = raw.Topic,
                    Partition = raw.Partition.Value,
                    Offset = raw.Offset.Value,
                    TaskId = task?.ToString(),
                };
            case ExceptionHandling.LogAndContinue:
                logger.LogWarning(error, "Skipping the record at {Record} that could not {Verb}", where, verb);
                break;
            case ExceptionHandling.DeadLetter:
                deadLetters.Send(config.DeadLetterQueueTopic!, null, raw.Message.Key, raw.Message.Value, DeadLetterHeadersOf(raw, error), raw.Message.Timestamp.UnixTimestampMs);
                logger.LogWarning(error, "Sent the record at {Record} that could not {Verb} to {Topic}", where, verb, config.DeadLetterQueueTopic);
                break;
        }
    }

    private static Headers DeadLetterHeadersOf(ConsumeResult<byte[], byte[]> raw, Exception error)
    {
        var headers = new Headers();
        if (raw.Message.Headers is { } original)
        {
            foreach (var header in original) headers.Add(header.Key, header.GetValueBytes());
        }
        headers.Add(DeadLetterHeaders.Topic, Utf8(raw.Topic));
        headers.Add(DeadLetterHeaders.Partition, Utf8(raw.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.Offset, Utf8(raw.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(DeadLetterHeaders.Exception, Utf8(error.GetType().FullName ?? error.GetType().Name));
        headers.Add(DeadLetterHeaders.Message, Utf8(error.Message));
        headers.Add(DeadLetterHeaders.Stacktrace, Utf8(error.ToString()));
        return headers;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
