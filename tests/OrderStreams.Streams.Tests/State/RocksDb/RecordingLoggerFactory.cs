using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrderStreams.Streams.Tests.State.RocksDb;

/// <summary>Keeps every log entry (level and formatted message) and passes it on to <paramref name="inner"/>, if any.</summary>
internal sealed class RecordingLoggerFactory(ILoggerFactory? inner = null) : ILoggerFactory
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, inner?.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerFactory factory, ILogger? inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            factory.Entries.Enqueue((logLevel, formatter(state, exception)));
            inner?.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
