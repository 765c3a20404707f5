using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace OrderStreams.Streams.Tests.Integration;

/// <summary>
/// Writes the runtime's log to the test output, with elapsed time, so a failing integration test shows what happened;
/// keeps the messages for tests that assert on what the runtime did.
/// </summary>
public sealed class TestOutputLoggerFactory(ITestOutputHelper output) : ILoggerFactory
{
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly List<string> messages = [];

    /// <summary>The messages logged so far, formatted.</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (messages) return messages.ToList();
        }
    }

    private ITestOutputHelper Output => output;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(TestOutputLoggerFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (factory.messages) factory.messages.Add(formatter(state, exception));
            try
            {
                factory.Output.WriteLine($"{factory.clock.Elapsed.TotalSeconds,7:F2} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : $" {exception}")}");
            }
            catch (InvalidOperationException)
            {
                // The test finished; xunit no longer takes output.
            }
        }
    }
}
