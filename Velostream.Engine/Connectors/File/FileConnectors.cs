using Velostream.Engine.Execution.Formats.Csv;
using Velostream.Engine.Sql.Configuration;

namespace Velostream.Engine.Connectors.File;

/// <summary>Registers <c>file_source</c> (and <c>file_source_mmap</c>, read the same way), <c>file_sink</c> and the <c>'&lt;job&gt;.dlq.path'</c> dead-letter file.</summary>
internal static class FileConnectors
{
    public static void Register(ConnectorRegistry registry)
    {
        registry.AddSource(ConnectorCatalog.FileSource, OpenSource);
        registry.AddSource(ConnectorCatalog.FileSourceMmap, OpenSource);
        registry.AddSink(ConnectorCatalog.FileSink, CreateSink);
        registry.AddDeadLetter(context => context.Settings.DeadLetterPath is { Length: > 0 } path
            ? FileSink.Create(context.JobName + ".dlq", context.ResolvePath(path))
            : null);
    }

    private static IRecordSource OpenSource(ConnectorContext context)
    {
        var path = context.ResolvePath(context.Config.Get("path") ?? "");
        try
        {
            return FileSource.Open(context.Config.Name, path, context.Format);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConnectorException(e is FileNotFoundException ? e.Message : $"source '{context.Config.Name}': cannot read {path}: {e.Message}", e);
        }
    }

    private static IRecordSink CreateSink(ConnectorContext context)
    {
        var path = context.ResolvePath(context.Config.Get("path") ?? "");
        byte[]? header = null;
        if (context.Format == PayloadFormat.Csv)
        {
            header = new CsvRecordEncoder(context.OutputColumns ?? []).Header;
        }
        try
        {
            return FileSink.Create(context.Config.Name, path, header, writeBehind: context.Options.Threads >= 2);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConnectorException($"sink '{context.Config.Name}': cannot write {path}: {e.Message}", e);
        }
    }
}
