using OrderStreams.Cli.Commands;
using OrderStreams.SchemaRegistry.Tests.Support;

namespace OrderStreams.SchemaRegistry.Tests.Cli;

public sealed class AvroCommandTests : IDisposable
{
    private readonly TempDirectory directory = new();

    private string SchemaPath => Path.Combine(directory.Path, "Payment.avsc");

    public AvroCommandTests() => File.WriteAllText(SchemaPath, Schemas.PaymentV1);

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task FromJsonThenToJson_TwoRecords_RoundTrips()
    {
        var json = Path.Combine(directory.Path, "in.json");
        var binary = Path.Combine(directory.Path, "out.bin");
        await File.WriteAllTextAsync(json, """{"id":"p-1","amount":1250} {"id":"p-2","amount":-3}""");

        var encode = await RunAsync("fromjson", "--schema", SchemaPath, "--input", json, "--output", binary);
        var decode = await RunAsync("tojson", "--schema", SchemaPath, "--input", binary);

        Assert.True(encode.ExitCode == 0, encode.ToString());
        // "p-1" is length 3 (zig-zag 6) then the bytes; 1250 is zig-zag 2500 = 0xC4 0x13.
        Assert.Equal(Convert.FromHexString("06702D31C413"), (await File.ReadAllBytesAsync(binary))[..6]);
        Assert.True(decode.ExitCode == 0, decode.ToString());
        Assert.Equal(["""{"id":"p-1","amount":1250}""", """{"id":"p-2","amount":-3}"""], decode.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task ToJson_TruncatedDatum_Exits65WithReason()
    {
        var binary = Path.Combine(directory.Path, "bad.bin");
        await File.WriteAllBytesAsync(binary, [0x06, 0x70]);

        var result = await RunAsync("tojson", "--schema", SchemaPath, "--input", binary);

        Assert.Equal(65, result.ExitCode);
        Assert.Contains("orderstreams avro tojson:", result.Error);
    }

    [Fact]
    public async Task FromJson_ValueNotMatchingSchema_Exits65NamingTheField()
    {
        var json = Path.Combine(directory.Path, "bad.json");
        await File.WriteAllTextAsync(json, """{"id":"p-1","amount":"lots"}""");

        var result = await RunAsync("fromjson", "--schema", SchemaPath, "--input", json, "--output", Path.Combine(directory.Path, "x.bin"));

        Assert.Equal(65, result.ExitCode);
        Assert.Contains("amount", result.Error);
    }

    [Fact]
    public async Task ToJson_MissingSchemaFile_Exits66()
    {
        var result = await RunAsync("tojson", "--schema", Path.Combine(directory.Path, "nope.avsc"), "--input", SchemaPath);

        Assert.Equal(66, result.ExitCode);
    }

    private static Task<CliRun.Result> RunAsync(params string[] args) => CliRun.InvokeAsync(AvroCommand.Create(), ["avro", .. args]);
}
