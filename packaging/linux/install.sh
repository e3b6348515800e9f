#!/bin/sh
# Add AuditDesk to this user's application menu, from the unpacked AuditDesk folder:
#
#     ./install.sh              menu entry, icons, and `auditdesk` in ~/.local/bin
#     ./install.sh --uninstall  remove them again (the folder and your data stay)
#
# Nothing is written outside your home folder and no root rights are needed. Your audits
# live in ~/.local/share/AuditDesk whichever way the program is started.
set -eu

app_id=org.auditdesk.AuditDesk
here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
bin_dir=$HOME/.local/bin
sizes="16 24 32 48 64 128 256 512"

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$data_home/applications/$app_id.desktop" "$bin_dir/auditdesk"
    for size in $sizes; do
        rm -f "$data_home/icons/hicolor/${size}x${size}/apps/$app_id.png"
    done
    echo "AuditDesk removed from the menu; delete $here yourself if you no longer need it."
    exit 0
fi

if [ ! -x "$here/auditdesk" ] || [ ! -d "$here/_internal/resources/icons" ]; then
    echo "install.sh: run me from the unpacked AuditDesk folder (beside the auditdesk program)" >&2
    exit 1
fi

# Characters that a desktop entry or sed would need escaped are refused rather than guessed at.
case "$here" in
    *[\"\`\$\\\|\&%]*)
        echo "install.sh: move the folder to a path without \" \` \$ \\ | & or % first" >&2
        exit 1 ;;
esac

for size in $sizes; do
    mkdir -p "$data_home/icons/hicolor/${size}x${size}/apps"
    cp "$here/_internal/resources/icons/auditdesk-$size.png" \
        "$data_home/icons/hicolor/${size}x${size}/apps/$app_id.png"
done

# The menu entry runs this folder's program by its full path, quoted (spaces are fine).
mkdir -p "$data_home/applications"
sed -e "s|^Exec=.*|Exec=\"$here/auditdesk\"|" -e "s|^TryExec=.*|TryExec=$here/auditdesk|" \
    "$here/$app_id.desktop" > "$data_home/applications/$app_id.desktop"

mkdir -p "$bin_dir"
ln -sf "$here/auditdesk" "$bin_dir/auditdesk"

command -v update-desktop-database >/dev/null 2>&1 &&
    update-desktop-database -q "$data_home/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 &&
    gtk-update-icon-cache -q -t "$data_home/icons/hicolor" 2>/dev/null || true

echo "AuditDesk is in your application menu; 'auditdesk' runs it from a terminal"
echo "(if ~/.local/bin is on your PATH). Check it works: auditdesk --selftest"
