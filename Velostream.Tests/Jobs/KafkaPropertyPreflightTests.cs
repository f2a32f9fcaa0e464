using Velostream.Engine.Jobs;
using Velostream.Engine.Sql;

namespace Velostream.Tests.Jobs;

/// <summary>
/// Kafka connector properties are checked before a job starts, by librdkafka's own configuration
/// table: unknown names and invalid values are located errors, not jobs that fail once running.
/// </summary>
public sealed class KafkaPropertyPreflightTests
{
    private static List<string> Errors(string with)
    {
        var check = SqlFrontEnd.Check($"""
            CREATE STREAM o AS SELECT id FROM src
            WITH ('src.type' = 'kafka_source', 'o.type' = 'kafka_sink',
                  {with});
            """, "app.sql");
        return [.. JobPreflight.Diagnostics(check).Select(d => $"{d.Location.Line}:{d.Location.Column}: {d.Message}")];
    }

    [Fact]
    public void An_unknown_librdkafka_property_is_an_error_at_its_name()
    {
        Assert.Equal(["3:7: 'src.not.a.real.property': No such configuration property: \"not.a.real.property\""],
            Errors("'src.not.a.real.property' = '1'"));
    }

    [Fact]
    public void A_value_out_of_range_is_an_error_at_the_value_in_librdkafkas_words()
    {
        var error = Assert.Single(Errors("'src.session.timeout.ms' = '-5'"));

        Assert.StartsWith("3:34: 'src.session.timeout.ms': ", error, StringComparison.Ordinal);
        Assert.Contains("-5", error, StringComparison.Ordinal);
        Assert.Contains("range", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_is_an_error_at_the_value()
    {
        var error = Assert.Single(Errors("'o.acks' = 'sometimes'"));

        Assert.StartsWith("3:18: 'o.acks': ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_properties_velostream_keys_and_variables_pass()
    {
        Assert.Empty(Errors(
            "'src.session.timeout.ms' = '6000', 'src.auto.offset.reset' = 'latest', 'src.topic.name' = 't', 'src.partitions' = '3', "
            + "'src.event.time.field' = 'ts', 'o.linger.ms' = '${LINGER:5}', 'o.compression.type' = 'lz4'"));
    }
}
