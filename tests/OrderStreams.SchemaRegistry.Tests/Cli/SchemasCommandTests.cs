using Confluent.SchemaRegistry;
using OrderStreams.Cli.Commands;
using OrderStreams.SchemaRegistry.Tests.Support;

namespace OrderStreams.SchemaRegistry.Tests.Cli;

/// <summary><c>orderstreams schemas register|check</c> in-process, on a small checkout of one topic.</summary>
public sealed class SchemasCommandTests : IAsyncLifetime
{
    private const string Manifest = """
        topics:
          - name: payments
            key: branchId
            valueSchema: com.example.Payment
          - name: payments.dlq
            key: original key
        """;

    private readonly TempDirectory checkout = new();
    private RegistryFixture fixture = null!;

    private string ManifestPath => Path.Combine(checkout.Path, "deploy", "topics.yaml");

    private string SchemaPath => Path.Combine(checkout.Path, "schemas", "Payment.avsc");

    public async Task InitializeAsync()
    {
        fixture = await RegistryFixture.StartAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(ManifestPath)!);
        Directory.CreateDirectory(Path.GetDirectoryName(SchemaPath)!);
        await File.WriteAllTextAsync(ManifestPath, Manifest);
        await File.WriteAllTextAsync(SchemaPath, Schemas.PaymentV1);
    }

    public async Task DisposeAsync()
    {
        await fixture.DisposeAsync();
        checkout.Dispose();
    }

    [Fact]
    public async Task Register_ManifestTopics_RegistersValueSubjectsAndPrintsTable()
    {
        var result = await RunAsync("register", "--schema-registry-url", fixture.Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["SUBJECT", "ID", "VERSION"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["payments-value", "1", "1"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        using var client = fixture.Client();
        Assert.Equal(["payments-value"], await client.GetAllSubjectsAsync());
    }

    [Fact]
    public async Task Register_IncompatibleWithRegistered_Exits65WithTheRegistrysMessage()
    {
        using var client = fixture.Client();
        await client.RegisterSchemaAsync("payments-value", new Schema(Schemas.PaymentV1, SchemaType.Avro));
        await File.WriteAllTextAsync(SchemaPath, Schemas.PaymentIncompatible);

        var result = await RunAsync("register", "--schema-registry-url", fixture.Url);

        Assert.True(result.ExitCode == 65, result.ToString());
        Assert.Contains("payments-value (Payment.avsc): Schema being registered is incompatible", result.Error);
        Assert.Equal([1], await client.GetSubjectVersionsAsync("payments-value"));
    }

    [Fact]
    public async Task CheckAgainstRegistry_CompatibleChange_ExitsZero()
    {
        using var client = fixture.Client();
        await client.RegisterSchemaAsync("payments-value", new Schema(Schemas.PaymentV1, SchemaType.Avro));
        await File.WriteAllTextAsync(SchemaPath, Schemas.PaymentV2);

        var result = await RunAsync("check", "--schema-registry-url", fixture.Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("OK            payments-value (BACKWARD)", result.Output);
    }

    [Fact]
    public async Task CheckAgainstRegistry_IncompatibleChange_Exits65ListingTheProblem()
    {
        using var client = fixture.Client();
        await client.RegisterSchemaAsync("payments-value", new Schema(Schemas.PaymentV1, SchemaType.Avro));
        await File.WriteAllTextAsync(SchemaPath, Schemas.PaymentIncompatible);

        var result = await RunAsync("check", "--schema-registry-url", fixture.Url);

        Assert.True(result.ExitCode == 65, result.ToString());
        Assert.Contains("INCOMPATIBLE  payments-value (BACKWARD)", result.Output);
        Assert.Contains(result.Output.Split('\n'), line => line.StartsWith("    - ", StringComparison.Ordinal) && line.Contains("status", StringComparison.Ordinal));
        Assert.Contains("1 of 1 schema(s) incompatible", result.Error);
    }

    [Fact]
    public async Task CheckAgainstRegistry_SubjectModeNone_AcceptsTheSameChange()
    {
        using var client = fixture.Client();
        await client.RegisterSchemaAsync("payments-value", new Schema(Schemas.PaymentV1, SchemaType.Avro));
        await client.UpdateCompatibilityAsync(Compatibility.None, "payments-value");
        await File.WriteAllTextAsync(SchemaPath, Schemas.PaymentIncompatible);

        var result = await RunAsync("check", "--schema-registry-url", fixture.Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("payments-value (NONE)", result.Output);
    }

    [Fact]
    public async Task CheckAgainstRegistry_NewSubject_ExitsZeroMarkedNew()
    {
        var result = await RunAsync("check", "--schema-registry-url", fixture.Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("NEW           payments-value", result.Output);
    }

    [Fact]
    public async Task CheckAgainstGit_IncompatibleEditSinceHead_Exits65()
    {
        await GitAsync("init", "-q");
        await GitAsync("add", ".");
        await GitAsync("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "v1");
        await File.WriteAllTextAsync(SchemaPath, Schemas.PaymentIncompatible);

        var incompatible = await RunAsync("check", "--against", "git");
        await File.WriteAllTextAsync(SchemaPath, Schemas.PaymentV2);
        var compatible = await RunAsync("check", "--against", "git", "--git-ref", "HEAD");
        var forward = await RunAsync("check", "--against", "git", "--compatibility", "FORWARD");

        Assert.True(incompatible.ExitCode == 65, incompatible.ToString());
        Assert.Contains("INCOMPATIBLE  payments-value (BACKWARD): version 1 is Payment.avsc at HEAD", incompatible.Output);
        Assert.True(compatible.ExitCode == 0, compatible.ToString());
        Assert.True(forward.ExitCode == 0, forward.ToString());
        Assert.Contains("payments-value (FORWARD)", forward.Output);
    }

    [Fact]
    public async Task CheckAgainstGit_UnknownRef_Exits65WithGitsMessage()
    {
        await GitAsync("init", "-q");

        var result = await RunAsync("check", "--against", "git", "--git-ref", "no-such-ref");

        Assert.True(result.ExitCode == 65, result.ToString());
        Assert.Contains("no-such-ref", result.Error);
    }

    [Fact]
    public async Task Check_RegistryUnreachable_Exits69()
    {
        var url = fixture.Url;
        await fixture.RestartAsync();

        var result = await RunAsync("check", "--schema-registry-url", url);

        Assert.True(result.ExitCode == 69, result.ToString());
        Assert.Contains("cannot reach the schema registry", result.Error);
    }

    private Task<CliRun.Result> RunAsync(params string[] args) =>
        CliRun.InvokeAsync(SchemasCommand.Create(), ["schemas", .. args, "--manifest", ManifestPath]);

    private async Task GitAsync(params string[] args)
    {
        var result = await ExternalProcess.RunAsync("git", args, checkout.Path);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', args)}: {result}");
    }
}
