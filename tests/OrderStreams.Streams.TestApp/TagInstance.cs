using System.Text;
using Confluent.Kafka;
using OrderStreams.Streams.Processor;

namespace OrderStreams.Streams.TestApp;

/// <summary>Marks every output record with the header <c>instance</c>, so a test can see which process produced it.</summary>
public sealed class TagInstance(string instance) : IProcessor<string, SequencedCount, string, SequencedCount>
{
    public const string Header = "instance";

    private readonly byte[] name = Encoding.UTF8.GetBytes(instance);
    private IProcessorContext<string, SequencedCount>? context;

    public void Init(IProcessorContext<string, SequencedCount> processorContext) => context = processorContext;

    public void Process(Record<string, SequencedCount> record)
    {
        var headers = new Headers();
        foreach (var header in record.Headers) headers.Add(header.Key, header.GetValueBytes());
        headers.Add(Header, name);
        context!.Forward(record.WithHeaders(headers));
    }
}
