using System.Text;
using Velostream.Engine.Cli;
using Velostream.Engine.Connectors;
using Velostream.Engine.Telemetry;

namespace Velostream.Tests.Support;

/// <summary>What <c>run</c> printed and returned.</summary>
internal sealed record RunResult(int ExitCode, string Data, string Output, string Errors)
{
    /// <summary>Runs <c>run &lt;sqlPath&gt;</c> in process with captured standard streams.</summary>
    public static RunResult Of(string sqlPath)
    {
        using var data = new MemoryStream();
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = RunCommand.Run([sqlPath], data, output, errors, ConnectorRegistry.CreateDefault(VelostreamTelemetry.Default), CancellationToken.None);
        return new RunResult(code, Encoding.UTF8.GetString(data.ToArray()), output.ToString(), errors.ToString());
    }
}
