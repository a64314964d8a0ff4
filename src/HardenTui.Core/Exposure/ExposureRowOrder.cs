// systemd prints the rows sorted by description descending, then name ascending, then insertion order
// (analyze-security.c: table_set_sort(3, 1) + table_set_reverse(3); format-table.c table_data_compare). A row
// without description (ProtectProc=noaccess) makes the comparison fall back to insertion order, reversed, which
// is not transitive; its final place then depends on glibc 2.36's qsort_r, a top-down merge sort. We run the
// same merge sort over [header, rows…] so even that row lands where systemd puts it.
namespace HardenTui.Core.Exposure;

internal static class ExposureRowOrder
{
    public static ExposureRow[] Sort(IReadOnlyList<ExposureRow> rows)
    {
        // Index 0 is the header line, kept first by table_data_compare.
        var indices = new int[rows.Count + 1];
        for (var i = 0; i < indices.Length; i++) indices[i] = i;
        var scratch = new int[indices.Length];
        MergeSort(indices, scratch, 0, indices.Length, (a, b) => Compare(rows, a, b));
        var sorted = new ExposureRow[rows.Count];
        for (var i = 1; i < indices.Length; i++) sorted[i - 1] = rows[indices[i] - 1];
        return sorted;
    }

    private static int Compare(IReadOnlyList<ExposureRow> rows, int a, int b)
    {
        if (a == 0 || b == 0) return a == b ? 0 : a == 0 ? -1 : 1;
        var (ra, rb) = (rows[a - 1], rows[b - 1]);
        var byDescription = ra.Description is null || rb.Description is null
            ? a.CompareTo(b)
            : string.CompareOrdinal(ra.Description, rb.Description);
        if (byDescription != 0) return -Math.Sign(byDescription);
        var byName = string.CompareOrdinal(ra.Name, rb.Name);
        return byName != 0 ? byName : a.CompareTo(b);
    }

    /// <summary>glibc msort_with_tmp: split n/2, sort halves, merge taking the left element when cmp ≤ 0.</summary>
    private static void MergeSort(int[] items, int[] scratch, int start, int count, Func<int, int, int> compare)
    {
        if (count <= 1) return;
        var n1 = count / 2;
        var n2 = count - n1;
        MergeSort(items, scratch, start, n1, compare);
        MergeSort(items, scratch, start + n1, n2, compare);
        int i = start, j = start + n1, k = 0;
        while (i < start + n1 && j < start + count)
            scratch[k++] = compare(items[i], items[j]) <= 0 ? items[i++] : items[j++];
        while (i < start + n1) scratch[k++] = items[i++];
        Array.Copy(scratch, 0, items, start, k);
    }
}
