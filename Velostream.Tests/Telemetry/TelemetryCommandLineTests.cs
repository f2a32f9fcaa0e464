using Velostream.Engine.Telemetry;

namespace Velostream.Tests.Telemetry;

public sealed class TelemetryCommandLineTests
{
    [Fact]
    public void Telemetry_options_become_configuration_and_the_rest_is_left_in_order()
    {
        var result = TelemetryCommandLine.Parse(["app.sql", "--enable-tracing", "--otlp-endpoint", "http://localhost:4317", "--group", "g", "--sampling-ratio=0.25"]);

        Assert.Empty(result.Errors);
        Assert.Equal(["app.sql", "--group", "g"], result.RemainingArguments);
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["Velostream:Telemetry:Enabled"] = "true",
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://localhost:4317",
                ["Velostream:Telemetry:SamplingRatio"] = "0.25",
            },
            result.Configuration);
    }

    [Fact]
    public void Bad_values_are_errors_naming_the_option()
    {
        var result = TelemetryCommandLine.Parse(["--sampling-ratio", "2", "--otlp-endpoint=localhost", "--enable-tracing=yes", "--otlp-endpoint"]);

        Assert.Equal(
            [
                "--sampling-ratio: '2' is not a number between 0 and 1",
                "--otlp-endpoint: 'localhost' is not an absolute http:// or https:// URL",
                "--enable-tracing takes no value",
                "--otlp-endpoint needs a value",
            ],
            result.Errors);
    }

    [Fact]
    public void No_telemetry_options_means_no_configuration()
    {
        var result = TelemetryCommandLine.Parse(["market_data", "--from-beginning"]);

        Assert.Empty(result.Configuration);
        Assert.Empty(result.Errors);
        Assert.Equal(["market_data", "--from-beginning"], result.RemainingArguments);
    }
}
