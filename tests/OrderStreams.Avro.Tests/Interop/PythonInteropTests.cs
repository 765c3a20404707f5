using System.Diagnostics;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Resolution;
using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.Tests.Interop;

/// <summary>
/// Wire compatibility with Apache Avro for Python (Debian python3-avro, run with the system interpreter, which has
/// the module even when another python comes first on PATH).
/// </summary>
public sealed class PythonInteropTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Interop", "python", "avro_interop.py");

    private readonly string _dir = Directory.CreateTempSubdirectory("orderstreams-avro-interop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PythonEncodedCases_DecodeAndReencode_SameBytesAndPythonReadsOurs()
    {
        RunPython("write");

        foreach (var name in new[] { "order", "node", "scalars", "evolution_v1" })
        {
            var schema = LoadSchema(name);
            var pythonBytes = File.ReadAllBytes(Path.Combine(_dir, name + ".python.bin"));
            var datum = new GenericDatumReader(schema).Read(pythonBytes);
            var ours = new GenericDatumWriter(schema).Serialize(datum);
            Assert.Equal(pythonBytes, ours);
            File.WriteAllBytes(Path.Combine(_dir, name + ".csharp.bin"), ours);
        }

        var v1 = (RecordSchema)LoadSchema("evolution_v1");
        var payment = new GenericRecord(v1)
        {
            ["paymentId"] = "p-2",
            ["amountCents"] = 1999,
            ["status"] = new GenericEnum((EnumSchema)v1.GetField("status").Schema, "CAPTURED"),
            ["legacyCode"] = "Z1",
        };
        File.WriteAllBytes(Path.Combine(_dir, "evolution.csharp.bin"), new GenericDatumWriter(v1).Serialize(payment));

        var output = RunPython("check");
        Assert.Equal("{\"evolution\": \"ok\", \"evolution_v1\": \"ok\", \"node\": \"ok\", \"order\": \"ok\", \"scalars\": \"ok\"}", output.Trim());
    }

    [Fact]
    public void PythonEncodedOrder_Decode_ValuesAndLogicalTypesMatch()
    {
        RunPython("write");
        var schema = LoadSchema("order");
        var order = (GenericRecord)new GenericDatumReader(schema).Read(File.ReadAllBytes(Path.Combine(_dir, "order.python.bin")))!;

        Assert.Equal(Guid.Parse("6f1c2a3e-8d4b-4f5a-9c7e-2b1d0e9f8a7c"), LogicalValues.ToUuid(order.Get<string>("orderId")));
        Assert.Equal(-42, order["branchId"]);
        Assert.Equal(1234567890123L, order["sequence"]);
        Assert.Equal(true, order["express"]);
        Assert.Equal(1.5f, order["weight"]);
        Assert.Equal(-2.25e-3, order["distance"]);
        Assert.Equal("PAID", order.Get<GenericEnum>("status").Symbol);
        var items = order.Get<List<object?>>("items");
        var first = (GenericRecord)items[0]!;
        Assert.Equal("pizza-\u00e9\u4e2d", first["sku"]);
        Assert.Equal(12.34m, LogicalValues.ToDecimal(first.Get<byte[]>("price"), 2));
        Assert.Equal(-3.50m, LogicalValues.ToDecimal(((GenericRecord)items[1]!).Get<byte[]>("price"), 2));
        Assert.Equal(new Dictionary<string, object?> { ["table"] = 7L, ["floor"] = -1L }, order.Get<Dictionary<string, object?>>("attributes"));
        Assert.Equal("ring twice", order["note"]);
        var driver = order.Get<GenericRecord>("driver");
        Assert.Equal(new byte[] { 0, 1, 0xfe, 0xff }, driver.Get<GenericFixed>("code").Value);
        Assert.Equal(new DateOnly(2024, 2, 29), LogicalValues.ToDate(order.Get<int>("placedOn")));
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 12, 30, 15, 123, TimeSpan.Zero), LogicalValues.ToTimestampMillis(order.Get<long>("placedAt")));
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 12, 31, 0, 654, 321, TimeSpan.Zero), LogicalValues.ToTimestampMicros(order.Get<long>("updatedAt")));
        Assert.Equal(new TimeOnly(18, 0, 0, 500), LogicalValues.ToTimeMillis(order.Get<int>("slotStart")));
        Assert.Equal(new TimeOnly(18, 45, 0, 250, 1), LogicalValues.ToTimeMicros(order.Get<long>("slotEnd")));
        Assert.Equal(21.180m, LogicalValues.ToDecimal(order.Get<GenericFixed>("total").Value, 3));
        Assert.Equal(new byte[] { 0, 0x80, 0xff }, order["signature"]);
    }

    [Fact]
    public void PythonEncodedOldVersion_ReadWithNewSchema_ResolvesPromotionsDefaultsAndEnumDefault()
    {
        RunPython("write");
        var v1 = LoadSchema("evolution_v1");
        var v2 = LoadSchema("evolution_v2");

        var payment = (GenericRecord)GenericDatumReader.For(v1, v2).Read(File.ReadAllBytes(Path.Combine(_dir, "evolution_v1.python.bin")))!;

        Assert.Equal("p-1", payment["paymentId"]);
        Assert.Equal(2599L, payment["amountCents"]);
        Assert.Equal("UNKNOWN", payment.Get<GenericEnum>("status").Symbol);
        Assert.Equal("EUR", payment["currency"]);
        Assert.Equal(1, payment["attempts"]);
        Assert.False(payment.TryGetValue("legacyCode", out _));
    }

    [Fact]
    public void Compatibility_SchemaPairs_SameVerdictAsApacheChecker()
    {
        string[][] pairs =
        [
            ["\"long\"", "\"int\""],
            ["\"int\"", "\"long\""],
            ["\"double\"", "\"float\""],
            ["\"string\"", "\"bytes\""],
            ["\"bytes\"", "\"string\""],
            [Record("""{"name":"a","type":"int"},{"name":"b","type":"string","default":"x"}"""), Record("""{"name":"a","type":"int"}""")],
            [Record("""{"name":"a","type":"int"},{"name":"b","type":"string"}"""), Record("""{"name":"a","type":"int"}""")],
            [Record("""{"name":"a","type":"int"}"""), Record("""{"name":"a","type":"int"},{"name":"b","type":"string"}""")],
            [Record("""{"name":"a","type":"long"}"""), Record("""{"name":"a","type":"int"}""")],
            [Record("""{"name":"a","type":"string"}"""), Record("""{"name":"a","type":"int"}""")],
            [Record("""{"name":"n","type":"int","aliases":["a"]}"""), Record("""{"name":"a","type":"int"}""")],
            ["""{"type":"enum","name":"E","symbols":["A"]}""", """{"type":"enum","name":"E","symbols":["A","B"]}"""],
            ["""{"type":"enum","name":"E","symbols":["A","B","C"]}""", """{"type":"enum","name":"E","symbols":["A","B"]}"""],
            ["""{"type":"enum","name":"E","symbols":["A","Z"],"default":"Z"}""", """{"type":"enum","name":"E","symbols":["A","B"]}"""],
            ["""["null","int"]""", """["null","int","string"]"""],
            ["""["null","long"]""", "\"int\""],
            ["\"int\"", """["null","int"]"""],
            ["""{"type":"fixed","name":"F","size":4}""", """{"type":"fixed","name":"F","size":8}"""],
            ["""{"type":"record","name":"Other","fields":[]}""", """{"type":"record","name":"R","fields":[]}"""],
            ["""{"type":"record","name":"Other","aliases":["R"],"fields":[]}""", """{"type":"record","name":"R","fields":[]}"""],
            ["""{"type":"array","items":"double"}""", """{"type":"array","items":"int"}"""],
            ["""{"type":"map","values":"bytes"}""", """{"type":"map","values":"string"}"""],
            ["""{"type":"map","values":"int"}""", """{"type":"array","items":"int"}"""],
            [
                """{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]},{"name":"d","type":"int","default":0}]}""",
                """{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}""",
            ],
            [
                """{"type":"record","name":"O","fields":[{"name":"c","type":{"type":"record","name":"C","fields":[{"name":"z","type":"string"}]}}]}""",
                """{"type":"record","name":"O","fields":[{"name":"c","type":{"type":"record","name":"C","fields":[{"name":"z","type":"int"}]}}]}""",
            ],
        ];
        var file = Path.Combine(_dir, "pairs.json");
        File.WriteAllText(file, "[" + string.Join(",", pairs.Select(p => $$"""{"reader":{{p[0]}},"writer":{{p[1]}}}""")) + "]");

        var apache = System.Text.Json.JsonSerializer.Deserialize<bool[]>(RunPython("compat", file))!;
        var ours = pairs.Select(p => SchemaCompatibility.Check(AvroSchema.Parse(p[0]), AvroSchema.Parse(p[1])).IsCompatible).ToArray();

        Assert.Equal(apache, ours);
        Assert.Contains(true, ours);
        Assert.Contains(false, ours);
    }

    private static string Record(string fields) => $$"""{"type":"record","name":"R","fields":[{{fields}}]}""";

    private AvroSchema LoadSchema(string name) =>
        AvroSchema.Parse(File.ReadAllText(Path.Combine(_dir, name + ".avsc")), name + ".avsc");

    private string RunPython(string command, string? target = null)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(target ?? _dir);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"python {command} exited with {process.ExitCode}: {stdout.Result}{stderr.Result}");
        return stdout.Result;
    }
}
