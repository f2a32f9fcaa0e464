using System.Globalization;
using Velostream.ServiceDefaults;

namespace Velostream.Engine.Telemetry;

/// <summary>
/// The telemetry options every verb accepts: <c>--enable-tracing</c>, <c>--otlp-endpoint &lt;url&gt;</c> and
/// <c>--sampling-ratio &lt;0..1&gt;</c>. They are turned into configuration keys
/// (<see cref="TelemetryConfigurationKeys"/>) so that <c>AddServiceDefaults()</c> reads one source of truth,
/// with the command line winning over environment variables when added last.
/// </summary>
internal static class TelemetryCommandLine
{
    public const string EnableTracing = "--enable-tracing";
    public const string OtlpEndpoint = "--otlp-endpoint";
    public const string SamplingRatio = "--sampling-ratio";

    public const string Usage =
        "  --enable-tracing         record and export traces (to --otlp-endpoint, default http://localhost:4317)\n" +
        "  --otlp-endpoint <url>    OTLP endpoint for traces, metrics and logs (OTEL_EXPORTER_OTLP_ENDPOINT)\n" +
        "  --sampling-ratio <0..1>  share of new traces recorded; records arriving with a trace keep its decision";

    /// <summary>
    /// Takes the telemetry options out of <paramref name="args"/>. Everything else is returned untouched, in
    /// order, for the verb's own parser.
    /// </summary>
    public static TelemetryCommandLineResult Parse(IReadOnlyList<string> args)
    {
        var remaining = new List<string>(args.Count);
        var configuration = new Dictionary<string, string?>(StringComparer.Ordinal);
        var errors = new List<string>();

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inlineValue) = SplitInline(arg);
            switch (name)
            {
                case EnableTracing:
                    if (inlineValue is not null)
                    {
                        errors.Add($"{EnableTracing} takes no value");
                    }
                    configuration[TelemetryConfigurationKeys.Enabled] = "true";
                    break;
                case OtlpEndpoint:
                    if (TakeValue(args, ref i, inlineValue, name, errors) is { } endpoint)
                    {
                        if (Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                        {
                            configuration[TelemetryConfigurationKeys.OtlpEndpoint] = endpoint;
                        }
                        else
                        {
                            errors.Add($"{OtlpEndpoint}: '{endpoint}' is not an absolute http:// or https:// URL");
                        }
                    }
                    break;
                case SamplingRatio:
                    if (TakeValue(args, ref i, inlineValue, name, errors) is { } ratioText)
                    {
                        if (double.TryParse(ratioText, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) && ratio is >= 0.0 and <= 1.0)
                        {
                            configuration[TelemetryConfigurationKeys.SamplingRatio] = ratioText;
                        }
                        else
                        {
                            errors.Add($"{SamplingRatio}: '{ratioText}' is not a number between 0 and 1");
                        }
                    }
                    break;
                default:
                    remaining.Add(arg);
                    break;
            }
        }
        return new TelemetryCommandLineResult([.. remaining], configuration, errors);
    }

    private static (string Name, string? InlineValue) SplitInline(string arg)
    {
        if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is > 2 and var equals)
        {
            return (arg[..equals], arg[(equals + 1)..]);
        }
        return (arg, null);
    }

    private static string? TakeValue(IReadOnlyList<string> args, ref int index, string? inlineValue, string name, List<string> errors)
    {
        if (inlineValue is not null)
        {
            return inlineValue;
        }
        if (index + 1 < args.Count && !args[index + 1].StartsWith("--", StringComparison.Ordinal))
        {
            return args[++index];
        }
        errors.Add($"{name} needs a value");
        return null;
    }
}
