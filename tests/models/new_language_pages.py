"""Four short news pages written for these tests (Arabic, Chinese, Japanese, Turkish), each with an ad
label, a related-articles line, a comment header and two comments: one in English, one native."""

from __future__ import annotations

PAGES = {
    "ar": (
        "افتتحت البلدية يوم الأحد مكتبة عامة جديدة في وسط المدينة بعد عامين من أعمال البناء.\n\n"
        "إعلان\n\n"
        "وقالت رئيسة البلدية إن المكتبة ستفتح أبوابها كل يوم حتى العاشرة مساءً، "
        "وإن الدخول سيكون مجانياً للجميع.\n\n"
        "اقرأ أيضاً: خطة جديدة لتوسيع شبكة الحافلات في الضواحي\n\n"
        "ويضم المبنى قاعات للدراسة وركناً للأطفال ومسرحاً صغيراً يتسع لمئتي شخص.\n\n"
        "التعليقات (2)\n\n"
        "Sarah · منذ 3 ساعات\n"
        "This is great news for the students in our neighbourhood, well done.\n\n"
        "كريم · منذ ساعتين\n"
        "أخيراً مكان هادئ للقراءة في المدينة، شكراً للبلدية على هذا المشروع.\n"
    ),
    "zh": (
        "市政府周日在市中心启用了一座新的公共图书馆，工程历时两年。\n\n"
        "广告\n\n"
        "市长表示，图书馆每天开放到晚上十点，所有市民都可以免费进入。\n\n"
        "相关阅读：郊区公交线路将在明年扩建\n\n"
        "新馆设有自习室、儿童阅览区和一个可容纳两百人的小剧场。\n\n"
        "评论（2）\n\n"
        "Sarah · 3小时前\n"
        "This is great news for the students in our neighbourhood, well done.\n\n"
        "小王 · 2小时前\n"
        "终于有一个安静的地方可以看书了，感谢市政府做了这件好事。\n"
    ),
    "ja": (
        "市は日曜日、二年間の工事を経て、市の中心部に新しい公立図書館を開館した。\n\n"
        "広告\n\n"
        "市長によると、図書館は毎日午後十時まで開いており、誰でも無料で利用できるという。\n\n"
        "関連記事：郊外のバス路線、来年に拡大へ\n\n"
        "新しい建物には自習室や子ども向けのコーナー、二百人が入れる小さな劇場もある。\n\n"
        "コメント（2）\n\n"
        "Sarah · 3時間前\n"
        "This is great news for the students in our neighbourhood, well done.\n\n"
        "たろう · 2時間前\n"
        "やっと静かに本を読める場所ができました。市の皆さん、ありがとうございます。\n"
    ),
    "tr": (
        "Belediye pazar günü, iki yıl süren inşaatın ardından şehir merkezinde "
        "yeni bir halk kütüphanesi açtı.\n\n"
        "Reklam\n\n"
        "Belediye başkanı, kütüphanenin her gün saat onda kadar açık olacağını "
        "ve girişin herkes için ücretsiz olduğunu söyledi.\n\n"
        "İlgili haberler\n\n"
        "Yeni binada çalışma salonları, bir çocuk köşesi ve iki yüz kişilik küçük bir tiyatro bulunuyor.\n\n"
        "Yorumlar (2)\n\n"
        "Sarah · 3 saat önce\n"
        "This is great news for the students in our neighbourhood, well done.\n\n"
        "Mehmet · 2 saat önce\n"
        "Sonunda şehirde sessizce kitap okuyabileceğimiz bir yer var, belediyeye teşekkürler.\n"
    ),
}
