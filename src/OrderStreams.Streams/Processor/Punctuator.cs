namespace OrderStreams.Streams.Processor;

/// <summary>A scheduled callback; <paramref name="timestamp"/> is the stream or wall-clock time (milliseconds) it fired at.</summary>
public delegate void Punctuator(long timestamp);
