namespace Velostream.Engine.Telemetry;

/// <summary>
/// What <see cref="TelemetryCommandLine.Parse"/> found: the verb's own arguments, the configuration keys to
/// add (e.g. with <c>builder.Configuration.AddInMemoryCollection(result.Configuration)</c>) and any errors
/// (print them and exit with the invalid-input code).
/// </summary>
internal sealed record TelemetryCommandLineResult(
    string[] RemainingArguments,
    IReadOnlyDictionary<string, string?> Configuration,
    IReadOnlyList<string> Errors);
