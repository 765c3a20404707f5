namespace OrderStreams.Testing.Brokers;

/// <summary>
/// Which broker the suites run on: <c>ORDERSTREAMS_TEST_BROKER</c> = <c>docker</c> (Apache Kafka in Docker, or fail),
/// <c>embedded</c>, or unset/<c>auto</c> (Apache Kafka when a Docker engine answers, else the embedded broker).
/// </summary>
public static class TestBrokerSelection
{
    public const string Variable = "ORDERSTREAMS_TEST_BROKER";

    private static readonly Lazy<TestBrokerKind> ForThisRun =
        new(() => Select(Environment.GetEnvironmentVariable(Variable), DockerEngine.IsReachable));

    /// <summary>The choice for this test process, made once from the environment.</summary>
    /// <exception cref="InvalidOperationException">The variable asks for Docker and no engine answers, or has an unknown value.</exception>
    public static TestBrokerKind Current => ForThisRun.Value;

    /// <summary>The broker <paramref name="requested"/> (the variable's value) selects; <paramref name="dockerReachable"/> is asked only when it matters.</summary>
    public static TestBrokerKind Select(string? requested, Func<bool> dockerReachable) =>
        requested?.Trim().ToLowerInvariant() switch
        {
            null or "" or "auto" => dockerReachable() ? TestBrokerKind.ApacheKafka : TestBrokerKind.Embedded,
            "embedded" => TestBrokerKind.Embedded,
            "docker" => dockerReachable()
                ? TestBrokerKind.ApacheKafka
                : throw new InvalidOperationException(
                    $"{Variable}=docker asks for Apache Kafka in Docker, but no Docker engine answers at {DockerEngine.Endpoint}. "
                    + $"Start Docker (or point DOCKER_HOST at it), or unset {Variable} to run on the embedded broker."),
            _ => throw new InvalidOperationException(
                $"{Variable}='{requested}' names no test broker: use docker, embedded or auto (the default: docker when an engine answers)."),
        };
}
