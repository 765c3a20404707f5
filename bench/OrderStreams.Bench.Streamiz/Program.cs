using OrderStreams.Bench.Streamiz;
using OrderStreams.Native;

// Confluent.Kafka loads librdkafka on first use; ours picks the build that loads on this machine (see README).
NativeLibraries.EnsureKafka();
return await PeerHost.RunAsync(PeerArguments.Parse(args), Console.In, Console.Out);
