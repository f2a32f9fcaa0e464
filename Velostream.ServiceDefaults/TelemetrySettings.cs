using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Velostream.ServiceDefaults;

/// <summary>
/// Telemetry configuration resolved once at start-up from <see cref="IConfiguration"/> (command-line
/// options land there too). Invalid values are reported as errors naming their key, not thrown, so that a
/// verb can print them and exit with the invalid-input code.
/// </summary>
public sealed class TelemetrySettings
{
    private static readonly Dictionary<string, double> SamplingModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["debug"] = 1.0,
        ["dev"] = 0.5,
        ["staging"] = 0.25,
        ["prod"] = 0.01,
    };

    public required string ServiceName { get; init; }
    public required string ServiceVersion { get; init; }
    public required string ServiceInstanceId { get; init; }

    /// <summary>Whether the Velostream ActivitySource (and the ASP.NET Core/HttpClient spans) are recorded at all.</summary>
    public required bool TracingEnabled { get; init; }

    /// <summary>All signals: OTEL_EXPORTER_OTLP_ENDPOINT (the Aspire dashboard in run mode).</summary>
    public OtlpDestination? Otlp { get; init; }

    /// <summary>Traces only: Tempo's OTLP receiver.</summary>
    public OtlpDestination? Tempo { get; init; }

    /// <summary>Metrics only: Prometheus's OTLP receiver (always HTTP/protobuf).</summary>
    public OtlpDestination? Prometheus { get; init; }

    public required int PrometheusExportIntervalMs { get; init; }

    public required SamplingSettings Sampling { get; init; }

    /// <summary>Upper bound on links from a window or join output span to its inputs.</summary>
    public required int MaxLinks { get; init; }

    public static TelemetrySettings Read(IConfiguration configuration, string defaultServiceName, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();

        var otlpProtocol = ReadProtocol(configuration, TelemetryConfigurationKeys.OtlpProtocol, problems);
        var otlp = ReadEndpoint(configuration, TelemetryConfigurationKeys.OtlpEndpoint, null, problems) is { } otlpUri
            ? new OtlpDestination(otlpUri, otlpProtocol)
            : null;

        var tempoProtocol = ReadProtocol(configuration, TelemetryConfigurationKeys.TempoProtocol, problems);
        var tempo = ReadEndpoint(configuration, TelemetryConfigurationKeys.TempoEndpoint, TelemetryConfigurationKeys.TempoEndpointVariable, problems) is { } tempoUri
            ? new OtlpDestination(tempoProtocol == OtlpExportProtocol.HttpProtobuf ? WithSignalPath(tempoUri, "v1/traces") : tempoUri, tempoProtocol)
            : null;

        var prometheus = ReadEndpoint(configuration, TelemetryConfigurationKeys.PrometheusEndpoint, TelemetryConfigurationKeys.PrometheusEndpointVariable, problems) is { } promUri
            ? new OtlpDestination(WithSignalPath(promUri, "v1/metrics"), OtlpExportProtocol.HttpProtobuf)
            : null;

        bool? enabled = null;
        if (configuration[TelemetryConfigurationKeys.Enabled] is { Length: > 0 } enabledText)
        {
            if (bool.TryParse(enabledText, out var value))
            {
                enabled = value;
            }
            else
            {
                problems.Add($"{TelemetryConfigurationKeys.Enabled}: '{enabledText}' is not true or false");
            }
        }

        if (enabled == true && otlp is null && tempo is null)
        {
            // --enable-tracing with nowhere configured: the OTLP specification's default local collector.
            otlp = new OtlpDestination(new Uri(otlpProtocol == OtlpExportProtocol.Grpc ? "http://localhost:4317" : "http://localhost:4318"), otlpProtocol);
        }

        var settings = new TelemetrySettings
        {
            ServiceName = FirstNonEmpty(configuration[TelemetryConfigurationKeys.OtelServiceName], configuration[TelemetryConfigurationKeys.ServiceName]) ?? defaultServiceName,
            ServiceVersion = ReadServiceVersion(),
            ServiceInstanceId = ReadResourceAttribute(configuration[TelemetryConfigurationKeys.OtelResourceAttributes], "service.instance.id")
                ?? Guid.NewGuid().ToString("N"),
            // Tracing is on when asked for, or when there is somewhere to send spans: creating spans nobody
            // exports would only cost time.
            TracingEnabled = enabled ?? (otlp is not null || tempo is not null),
            Otlp = otlp,
            Tempo = tempo,
            Prometheus = prometheus,
            PrometheusExportIntervalMs = ReadInt(configuration, TelemetryConfigurationKeys.PrometheusExportIntervalMs, 10_000, 100, problems),
            Sampling = ReadSampling(configuration, problems),
            MaxLinks = ReadInt(configuration, TelemetryConfigurationKeys.MaxLinks, 32, 0, problems),
        };
        errors = problems;
        return settings;
    }

    private static SamplingSettings ReadSampling(IConfiguration configuration, List<string> problems)
    {
        if (configuration[TelemetryConfigurationKeys.SamplingRatio] is { Length: > 0 } ratioText)
        {
            return TryParseRatio(ratioText, out var ratio)
                ? new SamplingSettings(ratio, true, $"{TelemetryConfigurationKeys.SamplingRatio}={ratioText}")
                : Invalid(problems, $"{TelemetryConfigurationKeys.SamplingRatio}: '{ratioText}' is not a number between 0 and 1");
        }

        if (configuration[TelemetryConfigurationKeys.SamplingMode] is { Length: > 0 } mode)
        {
            return SamplingModes.TryGetValue(mode, out var ratio)
                ? new SamplingSettings(ratio, true, $"mode {mode.ToLowerInvariant()}")
                : Invalid(problems, $"{TelemetryConfigurationKeys.SamplingMode}: '{mode}' is not one of debug, dev, staging, prod");
        }

        if (configuration[TelemetryConfigurationKeys.TracesSampler] is { Length: > 0 } sampler)
        {
            var arg = configuration[TelemetryConfigurationKeys.TracesSamplerArg];
            var source = $"{TelemetryConfigurationKeys.TracesSampler}={sampler}";
            switch (sampler.ToLowerInvariant())
            {
                case "always_on": return new SamplingSettings(1.0, false, source);
                case "always_off": return new SamplingSettings(0.0, false, source);
                case "parentbased_always_on": return new SamplingSettings(1.0, true, source);
                case "parentbased_always_off": return new SamplingSettings(0.0, true, source);
                case "traceidratio":
                case "parentbased_traceidratio":
                    // The specification's default argument is 1.0.
                    var ratio = 1.0;
                    if (arg is { Length: > 0 } && !TryParseRatio(arg, out ratio))
                    {
                        return Invalid(problems, $"{TelemetryConfigurationKeys.TracesSamplerArg}: '{arg}' is not a number between 0 and 1");
                    }
                    return new SamplingSettings(ratio, sampler.StartsWith("parentbased", StringComparison.OrdinalIgnoreCase), $"{source}, ratio {ratio.ToString(CultureInfo.InvariantCulture)}");
                default:
                    return Invalid(problems, $"{TelemetryConfigurationKeys.TracesSampler}: '{sampler}' is not one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio");
            }
        }

        return SamplingSettings.Default;
    }

    private static SamplingSettings Invalid(List<string> problems, string message)
    {
        problems.Add(message);
        return SamplingSettings.Default;
    }

    private static bool TryParseRatio(string text, out double ratio) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out ratio) && ratio is >= 0.0 and <= 1.0;

    private static OtlpExportProtocol ReadProtocol(IConfiguration configuration, string key, List<string> problems)
    {
        var text = configuration[key];
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "grpc": return OtlpExportProtocol.Grpc;
            case "http/protobuf": return OtlpExportProtocol.HttpProtobuf;
            default:
                problems.Add($"{key}: '{text}' is not grpc or http/protobuf");
                return OtlpExportProtocol.Grpc;
        }
    }

    private static Uri? ReadEndpoint(IConfiguration configuration, string key, string? variable, List<string> problems)
    {
        var (name, text) = configuration[key] is { Length: > 0 } value ? (key, value)
            : variable is not null && configuration[variable] is { Length: > 0 } fromVariable ? (variable, fromVariable)
            : (key, null);
        if (text is null)
        {
            return null;
        }
        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }
        problems.Add($"{name}: '{text}' is not an absolute http:// or https:// URL");
        return null;
    }

    /// <summary>
    /// The OTLP/HTTP exporter posts to exactly the URL it is given when the URL comes from code rather than
    /// from OTEL_EXPORTER_OTLP_ENDPOINT, so the signal's path is appended here unless already present.
    /// </summary>
    internal static Uri WithSignalPath(Uri baseUri, string signalPath)
    {
        var path = baseUri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/" + signalPath, StringComparison.Ordinal))
        {
            return baseUri;
        }
        return new UriBuilder(baseUri) { Path = $"{path}/{signalPath}" }.Uri;
    }

    private static int ReadInt(IConfiguration configuration, string key, int defaultValue, int minimum, List<string> problems)
    {
        if (configuration[key] is not { Length: > 0 } text)
        {
            return defaultValue;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum)
        {
            return value;
        }
        problems.Add($"{key}: '{text}' is not a whole number of at least {minimum}");
        return defaultValue;
    }

    internal static string? ReadResourceAttribute(string? attributes, string name)
    {
        if (string.IsNullOrEmpty(attributes))
        {
            return null;
        }
        foreach (var pair in attributes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals > 0 && pair.AsSpan(0, equals).Trim().SequenceEqual(name) && pair[(equals + 1)..].Trim() is { Length: > 0 } value)
            {
                return Uri.UnescapeDataString(value);
            }
        }
        return null;
    }

    private static string ReadServiceVersion()
    {
        var assembly = Assembly.GetEntryAssembly() ?? typeof(TelemetrySettings).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        // Drop the "+<commit>" build metadata: it would make every build a new version label.
        var plus = version.IndexOf('+');
        return plus > 0 ? version[..plus] : version;
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
