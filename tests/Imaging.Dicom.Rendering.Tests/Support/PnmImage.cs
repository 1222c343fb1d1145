using System.Text;

namespace Imaging.Dicom.Rendering.Tests.Support;

/// <summary>A binary PGM (P5) or PPM (P6) image with 8-bit samples, as dcm2pnm writes them.</summary>
public sealed record PnmImage(int Width, int Height, int Channels, byte[] Pixels)
{
    public static PnmImage Parse(byte[] bytes)
    {
        var position = 0;
        string Token()
        {
            while (position < bytes.Length && (char.IsWhiteSpace((char)bytes[position]) || bytes[position] == '#'))
            {
                if (bytes[position] == '#') while (position < bytes.Length && bytes[position] != '\n') position++;
                else position++;
            }
            var start = position;
            while (position < bytes.Length && !char.IsWhiteSpace((char)bytes[position])) position++;
            return Encoding.ASCII.GetString(bytes, start, position - start);
        }
        var magic = Token();
        var channels = magic switch
        {
            "P5" => 1,
            "P6" => 3,
            _ => throw new InvalidDataException($"Not a binary PGM/PPM: '{magic}'"),
        };
        var width = int.Parse(Token());
        var height = int.Parse(Token());
        var max = int.Parse(Token());
        if (max != 255) throw new InvalidDataException($"Expected 8-bit samples, maxval is {max}");
        position++; // the single whitespace after maxval
        var length = width * height * channels;
        return new PnmImage(width, height, channels, bytes.AsSpan(position, length).ToArray());
    }
}
