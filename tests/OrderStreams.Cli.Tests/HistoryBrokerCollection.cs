using OrderStreams.Testing;

namespace OrderStreams.Cli.Tests;

/// <summary>
/// A broker of its own for tests that fill the order flow's real topics past what the embedded broker keeps, which
/// would slow every other test that reads them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HistoryBrokerCollection : ICollectionFixture<TestBrokerFixture>
{
    public const string Name = "embedded kafka with lost history";
}
