using Microsoft.Extensions.Logging;

namespace OrderStreams.Streams.TestApp;

/// <summary>The runtime's log on stderr, with the time since start, so a failing test can show what an instance did.</summary>
internal sealed class StderrLoggerFactory : ILoggerFactory
{
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

    public ILogger CreateLogger(string categoryName) => new Logger(clock, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(System.Diagnostics.Stopwatch clock, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Console.Error.WriteLine($"{clock.Elapsed.TotalSeconds,7:F2} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : $" {exception}")}");
    }
}
