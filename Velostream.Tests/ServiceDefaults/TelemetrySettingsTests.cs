using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;
using Velostream.ServiceDefaults;

namespace Velostream.Tests.ServiceDefaults;

public sealed class TelemetrySettingsTests
{
    private static TelemetrySettings Read(out IReadOnlyList<string> errors, params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        return TelemetrySettings.Read(configuration, "velostream-engine", out errors);
    }

    private static TelemetrySettings Read(params (string Key, string Value)[] values)
    {
        var settings = Read(out var errors, values);
        Assert.Empty(errors);
        return settings;
    }

    [Fact]
    public void Nothing_configured_means_no_tracing_no_exporters_and_parent_based_always_on()
    {
        var settings = Read();

        Assert.False(settings.TracingEnabled);
        Assert.Null(settings.Otlp);
        Assert.Null(settings.Tempo);
        Assert.Null(settings.Prometheus);
        Assert.Equal(new SamplingSettings(1.0, true, "default"), settings.Sampling);
        Assert.Equal("velostream-engine", settings.ServiceName);
        Assert.Equal(32, settings.MaxLinks);
    }

    [Fact]
    public void An_otlp_endpoint_turns_tracing_on_with_its_protocol()
    {
        var settings = Read(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:18889"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));

        Assert.True(settings.TracingEnabled);
        Assert.Equal(new OtlpDestination(new Uri("http://localhost:18889"), OtlpExportProtocol.HttpProtobuf), settings.Otlp);
    }

    [Fact]
    public void Enable_tracing_alone_exports_to_the_local_collector_default()
    {
        var settings = Read(("Velostream:Telemetry:Enabled", "true"));

        Assert.True(settings.TracingEnabled);
        Assert.Equal(new OtlpDestination(new Uri("http://localhost:4317"), OtlpExportProtocol.Grpc), settings.Otlp);
    }

    [Fact]
    public void Tracing_can_be_switched_off_even_with_an_endpoint()
    {
        var settings = Read(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317"), ("Velostream:Telemetry:Enabled", "false"));

        Assert.False(settings.TracingEnabled);
        Assert.NotNull(settings.Otlp);
    }

    [Fact]
    public void Tempo_and_prometheus_endpoints_get_their_signal_paths()
    {
        var settings = Read(
            ("VELOSTREAM_TEMPO_OTLP_ENDPOINT", "http://tempo:4318"),
            ("Velostream:Telemetry:TempoProtocol", "http/protobuf"),
            ("VELOSTREAM_PROMETHEUS_OTLP_ENDPOINT", "http://prometheus:9090/api/v1/otlp"));

        Assert.True(settings.TracingEnabled);
        Assert.Equal(new OtlpDestination(new Uri("http://tempo:4318/v1/traces"), OtlpExportProtocol.HttpProtobuf), settings.Tempo);
        Assert.Equal(new OtlpDestination(new Uri("http://prometheus:9090/api/v1/otlp/v1/metrics"), OtlpExportProtocol.HttpProtobuf), settings.Prometheus);
    }

    [Fact]
    public void The_configuration_key_wins_over_the_environment_variable_spelling_and_grpc_keeps_the_bare_address()
    {
        var settings = Read(
            ("VELOSTREAM_TEMPO_OTLP_ENDPOINT", "http://ignored:4317"),
            ("Velostream:Telemetry:TempoEndpoint", "http://tempo:4317"));

        Assert.Equal(new OtlpDestination(new Uri("http://tempo:4317"), OtlpExportProtocol.Grpc), settings.Tempo);
    }

    [Theory]
    [InlineData("debug", 1.0)]
    [InlineData("dev", 0.5)]
    [InlineData("staging", 0.25)]
    [InlineData("prod", 0.01)]
    public void Sampling_modes_are_the_original_projects_ratios(string mode, double ratio)
    {
        Assert.Equal(new SamplingSettings(ratio, true, $"mode {mode}"), Read(("Velostream:Telemetry:SamplingMode", mode)).Sampling);
    }

    [Fact]
    public void The_sampling_ratio_wins_over_the_mode_and_the_mode_over_otel_traces_sampler()
    {
        Assert.Equal(
            new SamplingSettings(0.1, true, "Velostream:Telemetry:SamplingRatio=0.1"),
            Read(("Velostream:Telemetry:SamplingRatio", "0.1"), ("Velostream:Telemetry:SamplingMode", "prod"), ("OTEL_TRACES_SAMPLER", "always_off")).Sampling);
        Assert.Equal(
            new SamplingSettings(0.01, true, "mode prod"),
            Read(("Velostream:Telemetry:SamplingMode", "prod"), ("OTEL_TRACES_SAMPLER", "always_off")).Sampling);
    }

    [Theory]
    [InlineData("always_on", null, 1.0, false)]
    [InlineData("always_off", null, 0.0, false)]
    [InlineData("parentbased_always_on", null, 1.0, true)]
    [InlineData("parentbased_always_off", null, 0.0, true)]
    [InlineData("traceidratio", "0.3", 0.3, false)]
    [InlineData("parentbased_traceidratio", "0.05", 0.05, true)]
    [InlineData("parentbased_traceidratio", null, 1.0, true)]
    public void Otel_traces_sampler_is_honoured(string sampler, string? arg, double ratio, bool parentBased)
    {
        var values = new List<(string, string)> { ("OTEL_TRACES_SAMPLER", sampler) };
        if (arg is not null)
        {
            values.Add(("OTEL_TRACES_SAMPLER_ARG", arg));
        }
        var sampling = Read([.. values]).Sampling;

        Assert.Equal(ratio, sampling.Ratio);
        Assert.Equal(parentBased, sampling.ParentBased);
    }

    [Fact]
    public void Invalid_values_are_reported_with_their_keys()
    {
        Read(out var errors,
            ("Velostream:Telemetry:SamplingRatio", "1.5"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "localhost:4317"),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"),
            ("VELOSTREAM_PROMETHEUS_OTLP_ENDPOINT", "ftp://prometheus"),
            ("Velostream:Telemetry:Enabled", "yes"),
            ("Velostream:Telemetry:MaxLinks", "-1"));

        Assert.Equal(
            [
                "OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' is not grpc or http/protobuf",
                "OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4317' is not an absolute http:// or https:// URL",
                "VELOSTREAM_PROMETHEUS_OTLP_ENDPOINT: 'ftp://prometheus' is not an absolute http:// or https:// URL",
                "Velostream:Telemetry:Enabled: 'yes' is not true or false",
                "Velostream:Telemetry:SamplingRatio: '1.5' is not a number between 0 and 1",
                "Velostream:Telemetry:MaxLinks: '-1' is not a whole number of at least 0",
            ],
            errors);
    }

    [Theory]
    [InlineData("nonsense", null, "OTEL_TRACES_SAMPLER: 'nonsense' is not one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio")]
    [InlineData("traceidratio", "half", "OTEL_TRACES_SAMPLER_ARG: 'half' is not a number between 0 and 1")]
    public void Invalid_otel_sampler_settings_are_reported(string sampler, string? arg, string error)
    {
        var values = new List<(string, string)> { ("OTEL_TRACES_SAMPLER", sampler) };
        if (arg is not null)
        {
            values.Add(("OTEL_TRACES_SAMPLER_ARG", arg));
        }
        Read(out var errors, [.. values]);

        Assert.Equal([error], errors);
    }

    [Fact]
    public void Service_name_and_instance_come_from_the_otel_variables_aspire_sets()
    {
        var settings = Read(
            ("OTEL_SERVICE_NAME", "trading-feed"),
            ("Velostream:Telemetry:ServiceName", "ignored"),
            ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=dev, service.instance.id=feed-1"));

        Assert.Equal("trading-feed", settings.ServiceName);
        Assert.Equal("feed-1", settings.ServiceInstanceId);
    }

    [Fact]
    public void Without_an_instance_id_each_process_gets_a_new_one()
    {
        Assert.NotEqual(Read().ServiceInstanceId, Read().ServiceInstanceId);
        Assert.Equal("alert-monitor", Read(("Velostream:Telemetry:ServiceName", "alert-monitor")).ServiceName);
    }
}
