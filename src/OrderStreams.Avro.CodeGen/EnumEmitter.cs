using OrderStreams.Avro.Schemas;

namespace OrderStreams.Avro.CodeGen;

/// <summary>Emits a C# enum per Avro enum; member values are the Avro symbol indexes.</summary>
internal sealed class EnumEmitter(ContractModel model)
{
    public string Emit(EnumSchema schema)
    {
        var w = RecordEmitter.Header(schema, model.Naming.NamespaceOf(schema));
        w.Summary(schema.Doc);
        w.Open($"public enum {CSharpNaming.Pascal(schema.Name)}");
        for (var i = 0; i < schema.Symbols.Count; i++)
        {
            var symbol = schema.Symbols[i];
            w.Line($"/// <summary>Avro symbol <c>{symbol}</c>{(symbol == schema.Default ? "; readers use it for symbols they do not know" : "")}.</summary>");
            w.Line($"{CSharpNaming.Pascal(symbol)} = {i},");
        }

        return w.Close().ToString();
    }
}
