namespace OrderStreams.SchemaRegistry.Tests.Support;

/// <summary>Small Avro schemas for the tests: a payment record and its evolutions.</summary>
internal static class Schemas
{
    public const string PaymentV1 = """
        {"type":"record","name":"Payment","namespace":"com.example","fields":[
          {"name":"id","type":"string"},
          {"name":"amount","type":"long"}]}
        """;

    /// <summary>Adds a field with a default: backward compatible with v1.</summary>
    public const string PaymentV2 = """
        {"type":"record","name":"Payment","namespace":"com.example","fields":[
          {"name":"id","type":"string"},
          {"name":"amount","type":"long"},
          {"name":"currency","type":"string","default":"EUR"}]}
        """;

    /// <summary>Adds a field without a default: not backward compatible with v1.</summary>
    public const string PaymentIncompatible = """
        {"type":"record","name":"Payment","namespace":"com.example","fields":[
          {"name":"id","type":"string"},
          {"name":"amount","type":"long"},
          {"name":"status","type":"string"}]}
        """;

    public const string Other = """{"type":"record","name":"Other","fields":[{"name":"x","type":"int"}]}""";
}
