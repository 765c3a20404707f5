namespace OrderStreams.Streams.Internals.Runtime;

internal interface IClock
{
    long NowMs { get; }
}

internal sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();

    public long NowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
