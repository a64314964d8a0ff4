using HardenTui.Core.Findings;

namespace HardenTui.Core.Tracing;

/// <summary>Feeds a whole strace log, line by line, into a findings builder; memory stays flat whatever its size.</summary>
public static class StraceLog
{
    public static FindingsBuilder Feed(Stream log, FindingsBuilder builder)
    {
        using var reader = new Utf8LineReader(log);
        while (reader.TryRead(out var line)) builder.Accept(line);
        return builder;
    }
}
