using System.Globalization;
using System.Numerics;

namespace Imaging.EndToEnd.Tests.Support;

/// <summary>Fresh DICOM UIDs: "2.25." and a random UUID as a decimal number (PS3.5 B.2), unique without a registered root.</summary>
public static class Uids
{
    public static string New()
    {
        var bytes = Guid.NewGuid().ToByteArray();
        return "2.25." + new BigInteger(bytes, isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture);
    }
}
