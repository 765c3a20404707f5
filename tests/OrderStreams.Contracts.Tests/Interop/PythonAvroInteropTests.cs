using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderStreams.Avro.Generic;
using OrderStreams.Avro.Json;
using OrderStreams.Contracts.Tests.Support;

namespace OrderStreams.Contracts.Tests.Interop;

/// <summary>
/// Wire compatibility with Apache Avro for Python (python3-avro), code nobody here wrote: Python decodes our bytes
/// to the same value, and our generated readers decode Python's bytes to the same value.
/// The interpreter is <c>/usr/bin/python3</c> unless <c>ORDERSTREAMS_PYTHON</c> names another with the avro module.
/// </summary>
public class PythonAvroInteropTests
{
    private const int ValuesPerType = 25;

    public static TheoryData<string> Types => ContractCatalog.Names;

    [Theory]
    [MemberData(nameof(Types))]
    public void PythonAvro_RandomValues_DecodesOurBytesAndEncodesTheSameBytes(string type)
    {
        var contract = ContractCatalog.All[type];
        var random = ContractCatalog.RandomFor(type);
        var datums = Enumerable.Range(0, ValuesPerType).Select(_ => RandomDatum.Record(contract.Schema, random)).ToList();
        var values = datums.Select(contract.FromGeneric).ToList();
        var ours = values.Select(contract.Encode).ToList();

        var cases = new JsonArray();
        for (var i = 0; i < datums.Count; i++)
        {
            cases.Add(new JsonObject
            {
                ["type"] = contract.Schema.FullName,
                ["json"] = JsonNode.Parse(AvroJson.ToJson(datums[i], contract.Schema)),
                ["hex"] = Convert.ToHexStringLower(ours[i]),
            });
        }

        var results = RunPython(new JsonObject { ["schemaDir"] = Path.Combine(AppContext.BaseDirectory, "schemas"), ["cases"] = cases });

        for (var i = 0; i < datums.Count; i++)
        {
            var pythonDecoded = AvroJson.FromJson(results[i]!["decoded"]!.ToJsonString(), contract.Schema);
            Assert.True(GenericData.Equals(datums[i], pythonDecoded), $"{type}: Python decoded our bytes as {pythonDecoded}, expected {datums[i]}");

            var pythonBytes = Convert.FromHexString(results[i]!["encoded"]!.GetValue<string>());
            Assert.Equal(ours[i], pythonBytes);
            Assert.Equal(values[i], contract.Decode(pythonBytes));
        }
    }

    private static JsonArray RunPython(JsonObject request)
    {
        var python = Environment.GetEnvironmentVariable("ORDERSTREAMS_PYTHON") ?? "/usr/bin/python3";
        var start = new ProcessStartInfo(python, [Path.Combine(AppContext.BaseDirectory, "Interop", "avro_interop.py")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(request.ToJsonString());
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{python} avro_interop.py failed ({process.ExitCode}): {stderr.Result}");
        return JsonNode.Parse(stdout)!["results"]!.AsArray();
    }
}
