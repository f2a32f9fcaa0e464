using Microsoft.Extensions.Configuration;
using Velostream.Engine.Connectors.Kafka;

namespace Velostream.Tests.Connectors.Kafka;

public sealed class KafkaConnectorSettingsTests
{
    private static IConfiguration Config(string? kafka) =>
        new ConfigurationBuilder().AddInMemoryCollection(
            kafka is null ? [] : [new KeyValuePair<string, string?>("ConnectionStrings:kafka", kafka)]).Build();

    [Fact]
    public void Topic_defaults_to_the_name_and_bootstrap_comes_from_the_kafka_connection_string()
    {
        var errors = new List<string>();
        var settings = KafkaConnectorSettings.Parse(
            "trades",
            new Dictionary<string, string> { ["trades.type"] = "kafka_source", ["other.topic.name"] = "x" },
            Config("broker:9092"), "velostream-app-job", errors);

        Assert.Empty(errors);
        Assert.Equal("trades", settings!.Topic);
        Assert.Equal(
            new Dictionary<string, string> { ["bootstrap.servers"] = "broker:9092", ["group.id"] = "velostream-app-job" },
            settings.ClientProperties);
    }

    [Fact]
    public void Prefixed_properties_pass_through_and_own_keys_do_not()
    {
        var errors = new List<string>();
        var settings = KafkaConnectorSettings.Parse(
            "out",
            new Dictionary<string, string>
            {
                ["out.type"] = "kafka_sink",
                ["out.topic.name"] = "price_alerts",
                ["out.format"] = "json",
                ["out.linger.ms"] = "20",
                ["out.group.id"] = "mine",
            },
            Config("b:1"), null, errors);

        Assert.Empty(errors);
        Assert.Equal("price_alerts", settings!.Topic);
        Assert.Equal(
            new Dictionary<string, string> { ["linger.ms"] = "20", ["group.id"] = "mine", ["bootstrap.servers"] = "b:1" },
            settings.ClientProperties);
    }

    [Fact]
    public void Config_file_is_flattened_with_variables_substituted_and_with_properties_win()
    {
        var path = Path.Combine(Path.GetTempPath(), $"velostream-{Guid.NewGuid():N}.yaml");
        System.IO.File.WriteAllText(path, """
            topic:
              name: from_file
            security:
              protocol: ${VELOSTREAM_TEST_UNSET_VARIABLE:PLAINTEXT}
            linger.ms: 7
            """);
        try
        {
            var errors = new List<string>();
            var settings = KafkaConnectorSettings.Parse(
                "src",
                new Dictionary<string, string> { ["src.config_file"] = path, ["src.linger.ms"] = "9" },
                Config("b:1"), "g", errors);

            Assert.Empty(errors);
            Assert.Equal("from_file", settings!.Topic);
            Assert.Equal("PLAINTEXT", settings.ClientProperties["security.protocol"]);
            Assert.Equal("9", settings.ClientProperties["linger.ms"]);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void Missing_bootstrap_servers_and_unsupported_format_are_reported()
    {
        var errors = new List<string>();
        var settings = KafkaConnectorSettings.Parse(
            "src", new Dictionary<string, string> { ["src.format"] = "avro" }, Config(null), "g", errors);

        Assert.Null(settings);
        Assert.Equal(
            [
                "'src': format 'avro' is not supported by the Kafka connector yet (only json)",
                "'src': no Kafka bootstrap servers: set ConnectionStrings__kafka (or 'src.bootstrap.servers')",
            ],
            errors);
    }

    [Fact]
    public void Broken_yaml_is_reported_with_file_line_and_column()
    {
        var path = Path.Combine(Path.GetTempPath(), $"velostream-{Guid.NewGuid():N}.yaml");
        System.IO.File.WriteAllText(path, "a: b: c\n");
        try
        {
            var errors = new List<string>();
            KafkaConnectorSettings.Parse("src", new Dictionary<string, string> { ["src.config_file"] = path }, Config("b:1"), "g", errors);

            var error = Assert.Single(errors);
            Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(path)}:\\d+:\\d+: ", error);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("${VELOSTREAM_TEST_HOST:localhost}:9092", "kafka-1:9092")]
    [InlineData("${VELOSTREAM_TEST_UNSET_VARIABLE:fallback}", "fallback")]
    [InlineData("${VELOSTREAM_TEST_UNSET_VARIABLE}", "")]
    [InlineData("a${VELOSTREAM_TEST_HOST}b${VELOSTREAM_TEST_HOST}", "akafka-1bkafka-1")]
    public void Variables_are_substituted_with_defaults(string input, string expected)
    {
        var variables = new Dictionary<string, string> { ["VELOSTREAM_TEST_HOST"] = "kafka-1" };
        Assert.Equal(expected, VariableSubstitution.Apply(input, v => variables.GetValueOrDefault(v)));
    }

    private const string VelostreamSourceFile = """
        datasource:
          type: kafka
          consumer_config:
            bootstrap.servers: "${VELOSTREAM_TEST_UNSET_VARIABLE:localhost:9092}"
            auto.offset.reset: "latest"
            enable.auto.commit: true
            auto.commit.interval.ms: 100
            session.timeout.ms: 6000
            buffer_memory: 33554432
          schema:
            key.format: string
          performance:
            compression.type: "lz4"
        performance_profiles:
          fast:
            fetch.min.bytes: 1
        """;

    [Theory]
    [InlineData("broker:9092", "broker:9092")]
    [InlineData(null, "localhost:9092")]
    public void A_config_file_in_velostreams_schema_gives_its_consumer_settings_and_leaves_its_own_sections_out(string? connectionString, string bootstrap)
    {
        var path = Path.Combine(Path.GetTempPath(), $"velostream-{Guid.NewGuid():N}.yaml");
        System.IO.File.WriteAllText(path, VelostreamSourceFile);
        try
        {
            var errors = new List<string>();
            var settings = KafkaConnectorSettings.Parse(
                "md", new Dictionary<string, string> { ["md.config_file"] = path, ["md.topic.name"] = "market_data" }, Config(connectionString), "velostream-app-job", errors);

            Assert.Empty(errors);
            // The job's own commits stay (no automatic commit), Java-client names and Velostream's tuning sections are left out,
            // and Aspire's connection string wins over the file's default broker.
            Assert.Equal(
                new Dictionary<string, string>
                {
                    ["auto.offset.reset"] = "latest", ["session.timeout.ms"] = "6000", ["bootstrap.servers"] = bootstrap, ["group.id"] = "velostream-app-job",
                },
                settings!.ClientProperties);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
