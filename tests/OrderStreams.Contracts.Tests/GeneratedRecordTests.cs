using OrderStreams.Avro;
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
    public void Read_WhatWriteWrote_ReturnsEqualValue(string type) => ForRandomRecords(type, (contract, datum) =>
    {
        var value = contract.FromGeneric(datum);
        var decoded = contract.Decode(contract.Encode(value));
        Assert.Equal(value, decoded);
        Assert.Equal(value.GetHashCode(), decoded.GetHashCode());
    });

    [Theory]
    [MemberData(nameof(Types))]
    public void Write_RandomValue_SameBytesAsGenericDatumWriter(string type)
    {
        var writer = new GenericDatumWriter(ContractCatalog.All[type].Schema);
        ForRandomRecords(type, (contract, datum) => Assert.Equal(writer.Serialize(datum), contract.Encode(contract.FromGeneric(datum))));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void GenericDatumReader_GeneratedBytes_DecodesToSourceDatum(string type)
    {
        var reader = new GenericDatumReader(ContractCatalog.All[type].Schema);
        ForRandomRecords(type, (contract, datum) =>
        {
            var decoded = reader.Read(contract.Encode(contract.FromGeneric(datum)));
            Assert.True(GenericData.Equals(datum, decoded), $"{type}: expected {datum}, decoded {decoded}");
        });
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Read_GenericDatumWriterBytes_EqualsFromGeneric(string type)
    {
        var writer = new GenericDatumWriter(ContractCatalog.All[type].Schema);
        ForRandomRecords(type, (contract, datum) => Assert.Equal(contract.FromGeneric(datum), contract.Decode(writer.Serialize(datum))));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void ToGeneric_FromGenericValue_EqualsSourceDatum(string type) => ForRandomRecords(type, (contract, datum) =>
    {
        var roundTripped = contract.ToGeneric(contract.FromGeneric(datum));
        Assert.True(GenericData.Equals(datum, roundTripped), $"{type}: expected {datum}, got {roundTripped}");
    });

    [Theory]
    [MemberData(nameof(Types))]
    public void Read_TruncatedBytes_ThrowsAvroDecodeException(string type)
    {
        var contract = ContractCatalog.All[type];
        var bytes = contract.Encode(contract.FromGeneric(RandomDatum.Record(contract.Schema, ContractCatalog.RandomFor(type))));
        Assert.Throws<AvroDecodeException>(() => { contract.Decode(bytes[..^1]); });
    }

    private static void ForRandomRecords(string type, Action<IContractCase, GenericRecord> check)
    {
        var contract = ContractCatalog.All[type];
        var random = ContractCatalog.RandomFor(type);
        for (var i = 0; i < Iterations; i++)
            check(contract, RandomDatum.Record(contract.Schema, random));
    }
}
