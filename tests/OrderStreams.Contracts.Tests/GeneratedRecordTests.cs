using OrderStreams.Avro.Generic;
using OrderStreams.Contracts.Tests.Support;

namespace OrderStreams.Contracts.Tests;

/// <summary>Property-style checks of every generated record over random values (fixed seed per type).</summary>
public class GeneratedRecordTests
{
    private const int Iterations = 300;

    public static TheoryData<string> Types => ContractCatalog.Names;

    [Theory]
    [MemberData(nameof(Types))]
    public void Read_WhatWriteWrote_ReturnsEqualValue(string type)
    {
        var contract = ContractCatalog.All[type];
        var random = ContractCatalog.RandomFor(type);
        for (var i = 0; i < Iterations; i++)
        {
            var value = contract.FromGeneric(RandomDatum.Record(contract.Schema, random));
            var decoded = contract.Decode(contract.Encode(value));
            Assert.Equal(value, decoded);
            Assert.Equal(value.GetHashCode(), decoded.GetHashCode());
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Write_RandomValue_SameBytesAsGenericDatumWriter(string type)
    {
        var contract = ContractCatalog.All[type];
        var random = ContractCatalog.RandomFor(type);
        var generic = new GenericDatumWriter(contract.Schema);
        for (var i = 0; i < Iterations; i++)
        {
            var datum = RandomDatum.Record(contract.Schema, random);
            Assert.Equal(generic.Serialize(datum), contract.Encode(contract.FromGeneric(datum)));
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void GenericDatumReader_GeneratedBytes_DecodesToSourceDatum(string type)
    {
        var contract = ContractCatalog.All[type];
        var random = ContractCatalog.RandomFor(type);
        var reader = new GenericDatumReader(contract.Schema);
        for (var i = 0; i < Iterations; i++)
        {
            var datum = RandomDatum.Record(contract.Schema, random);
            var decoded = reader.Read(contract.Encode(contract.FromGeneric(datum)));
            Assert.True(GenericData.Equals(datum, decoded), $"{type}: expected {datum}, decoded {decoded}");
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Read_GenericDatumWriterBytes_EqualsFromGeneric(string type)
    {
        var contract = ContractCatalog.All[type];
        var random = ContractCatalog.RandomFor(type);
        var writer = new GenericDatumWriter(contract.Schema);
        for (var i = 0; i < Iterations; i++)
        {
            var datum = RandomDatum.Record(contract.Schema, random);
            Assert.Equal(contract.FromGeneric(datum), contract.Decode(writer.Serialize(datum)));
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void ToGeneric_FromGenericValue_EqualsSourceDatum(string type)
    {
        var contract = ContractCatalog.All[type];
        var random = ContractCatalog.RandomFor(type);
        for (var i = 0; i < Iterations; i++)
        {
            var datum = RandomDatum.Record(contract.Schema, random);
            var roundTripped = contract.ToGeneric(contract.FromGeneric(datum));
            Assert.True(GenericData.Equals(datum, roundTripped), $"{type}: expected {datum}, got {roundTripped}");
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Read_TruncatedBytes_ThrowsAvroDecodeException(string type)
    {
        var contract = ContractCatalog.All[type];
        var random = ContractCatalog.RandomFor(type);
        var bytes = contract.Encode(contract.FromGeneric(RandomDatum.Record(contract.Schema, random)));
        Assert.Throws<OrderStreams.Avro.AvroDecodeException>(() => { contract.Decode(bytes[..^1]); });
    }
}
