"""A small hand-written, multilingual text corpus for training tiny tokenizers.

The tiny models are random, so the corpus only has to give the tokenizers
realistic pieces (news-style words, punctuation, accented letters, Cyrillic) for
every language the defaults detect. The sentences are written for this project.
"""

from __future__ import annotations

import random

SENTENCES: dict[str, tuple[str, ...]] = {
    "en": (
        "The government announced a new budget on Tuesday after weeks of talks.",
        "Ministers from several countries met in the capital to discuss trade and security.",
        "The city council voted to build a new bridge across the river.",
        "Prices for food and energy rose again last month, according to official figures.",
        "Readers asked why the report was published so late in the evening.",
        "The president said the agreement would help both economies grow.",
        "Police closed the road for several hours while firefighters worked.",
        "Scientists expect more rain in the north during the coming week.",
        "The company plans to open two factories and hire hundreds of workers.",
        "Opposition leaders criticised the decision and called for a vote.",
        "Talks will continue next week, a spokesperson told reporters.",
        "Schools reopened on Monday, and most students returned to class.",
    ),
    "fr": (
        "Le gouvernement a présenté mardi un nouveau budget après des semaines de débats.",
        "Les ministres de plusieurs pays se sont réunis à Paris pour parler du commerce.",
        "La mairie a voté la construction d'un nouveau pont sur la rivière.",
        "Les prix de l'énergie ont encore augmenté le mois dernier, selon les chiffres officiels.",
        "Les lecteurs se demandent pourquoi l'article a été publié si tard.",
        "Le président a déclaré que l'accord aiderait les deux économies.",
        "La police a fermé la route pendant plusieurs heures.",
        "Les élèves sont retournés à l'école lundi matin, malgré la grève.",
        "C'est une décision très importante pour l'avenir de la région.",
        "Rappelez-vous que la liberté, l'égalité et la fraternité comptent.",
        "Les négociations reprendront la semaine prochaine, a précisé le porte-parole.",
    ),
    "de": (
        "Die Regierung hat am Dienstag nach wochenlangen Gesprächen einen neuen Haushalt vorgestellt.",
        "Minister aus mehreren Ländern trafen sich in der Hauptstadt, um über Handel zu sprechen.",
        "Der Stadtrat stimmte für den Bau einer neuen Brücke über den Fluss.",
        "Die Preise für Lebensmittel und Energie sind im letzten Monat erneut gestiegen.",
        "Die Leser fragen, warum der Bericht so spät veröffentlicht wurde.",
        "Der Präsident sagte, das Abkommen werde beiden Volkswirtschaften helfen.",
        "Die Polizei sperrte die Straße für mehrere Stunden.",
        "Schüler kehrten am Montag in die Schulen zurück, trotz des Streiks.",
        "Das ist eine sehr wichtige Entscheidung für die Zukunft der Region.",
        "Die Verhandlungen gehen nächste Woche weiter, sagte eine Sprecherin.",
    ),
    "es": (
        "El gobierno presentó el martes un nuevo presupuesto tras semanas de negociaciones.",
        "Los ministros de varios países se reunieron en la capital para hablar de comercio.",
        "El ayuntamiento aprobó la construcción de un nuevo puente sobre el río.",
        "Los precios de la energía subieron otra vez el mes pasado, según cifras oficiales.",
        "¿Por qué se publicó el informe tan tarde? Los lectores quieren saberlo.",
        "El presidente dijo que el acuerdo ayudará a ambas economías.",
        "La policía cerró la carretera durante varias horas.",
        "Las conversaciones continuarán la próxima semana, señaló una portavoz.",
    ),
    "it": (
        "Il governo ha presentato martedì un nuovo bilancio dopo settimane di trattative.",
        "I ministri di diversi paesi si sono incontrati nella capitale per parlare di commercio.",
        "Il consiglio comunale ha approvato la costruzione di un nuovo ponte sul fiume.",
        "I prezzi dell'energia sono aumentati di nuovo il mese scorso.",
        "I lettori chiedono perché l'articolo è stato pubblicato così tardi.",
        "Il presidente ha detto che l'accordo aiuterà entrambe le economie.",
        "La polizia ha chiuso la strada per diverse ore.",
        "I colloqui continueranno la settimana prossima, ha detto un portavoce.",
    ),
    "pt": (
        "O governo apresentou na terça-feira um novo orçamento após semanas de negociações.",
        "Ministros de vários países reuniram-se na capital para falar de comércio.",
        "A câmara municipal aprovou a construção de uma nova ponte sobre o rio.",
        "Os preços da energia voltaram a subir no mês passado, segundo dados oficiais.",
        "Os leitores perguntam por que razão o artigo foi publicado tão tarde.",
        "O presidente disse que o acordo vai ajudar as duas economias.",
        "A polícia fechou a estrada durante várias horas.",
        "As conversações continuam na próxima semana, disse uma porta-voz.",
    ),
    "nl": (
        "De regering presenteerde dinsdag na weken van overleg een nieuwe begroting.",
        "Ministers uit verschillende landen kwamen in de hoofdstad bijeen om over handel te praten.",
        "De gemeenteraad stemde voor de bouw van een nieuwe brug over de rivier.",
        "De prijzen van energie zijn vorige maand opnieuw gestegen, volgens officiële cijfers.",
        "Lezers vragen waarom het artikel zo laat werd gepubliceerd.",
        "De president zei dat het akkoord beide economieën zal helpen.",
        "De politie sloot de weg urenlang af.",
        "De gesprekken gaan volgende week verder, zei een woordvoerster.",
    ),
    "pl": (
        "Rząd przedstawił we wtorek nowy budżet po tygodniach rozmów.",
        "Ministrowie z kilku krajów spotkali się w stolicy, aby rozmawiać o handlu.",
        "Rada miasta zagłosowała za budową nowego mostu na rzece.",
        "Ceny energii w zeszłym miesiącu znów wzrosły, według oficjalnych danych.",
        "Czytelnicy pytają, dlaczego artykuł został opublikowany tak późno.",
        "Prezydent powiedział, że porozumienie pomoże obu gospodarkom.",
        "Policja zamknęła drogę na kilka godzin.",
        "Rozmowy będą kontynuowane w przyszłym tygodniu, powiedziała rzeczniczka.",
    ),
    "ru": (
        "Правительство во вторник представило новый бюджет после нескольких недель переговоров.",
        "Министры нескольких стран встретились в столице, чтобы обсудить торговлю.",
        "Городской совет проголосовал за строительство нового моста через реку.",
        "Цены на энергию в прошлом месяце снова выросли, по официальным данным.",
        "Читатели спрашивают, почему статья была опубликована так поздно.",
        "Президент заявил, что соглашение поможет обеим экономикам.",
        "Полиция перекрыла дорогу на несколько часов.",
        "Переговоры продолжатся на следующей неделе, сообщила пресс-секретарь.",
    ),
    "uk": (
        "Уряд у вівторок представив новий бюджет після кількох тижнів переговорів.",
        "Міністри кількох країн зустрілися в столиці, щоб обговорити торгівлю.",
        "Міська рада проголосувала за будівництво нового мосту через річку.",
        "Ціни на енергію минулого місяця знову зросли, за офіційними даними.",
        "Читачі запитують, чому статтю опублікували так пізно.",
        "Президент заявив, що угода допоможе обом економікам.",
        "Поліція перекрила дорогу на кілька годин.",
        "Переговори продовжаться наступного тижня, повідомила речниця.",
    ),
    "ar": (
        "أعلنت الحكومة يوم الثلاثاء عن ميزانية جديدة بعد أسابيع من المفاوضات.",
        "اجتمع وزراء من عدة دول في العاصمة لبحث التجارة والأمن.",
        "صوّت مجلس المدينة على بناء جسر جديد فوق النهر.",
        "ارتفعت أسعار الغذاء والطاقة مرة أخرى في الشهر الماضي، وفقاً للأرقام الرسمية.",
        "قال الرئيس إن الاتفاق سيساعد اقتصاد البلدين على النمو.",
        "أغلقت الشرطة الطريق عدة ساعات بينما عمل رجال الإطفاء.",
        "ستستأنف المحادثات الأسبوع المقبل، كما قال المتحدث للصحفيين.",
        "عاد معظم الطلاب إلى المدارس يوم الاثنين.",
    ),
    "zh": (
        "政府在经过数周谈判后于周二公布了新的预算。",
        "多个国家的部长在首都会面，讨论贸易和安全问题。",
        "市议会投票决定在河上修建一座新桥。",
        "根据官方数据，上个月食品和能源价格再次上涨。",
        "总统表示，这项协议将帮助两国经济增长。",
        "警方封闭道路数小时，消防员在现场工作。",
        "发言人对记者说，谈判将于下周继续。",
        "学校周一重新开学，大多数学生回到了课堂。",
    ),
    "ja": (
        "政府は数週間の協議を経て、火曜日に新しい予算を発表した。",
        "複数の国の閣僚が首都に集まり、貿易と安全保障について話し合った。",
        "市議会は川に新しい橋を建設することを決めた。",
        "公式の統計によると、先月は食料とエネルギーの価格が再び上がった。",
        "大統領は、この合意が両国の経済成長に役立つと述べた。",
        "消防隊が作業する間、警察は道路を数時間封鎖した。",
        "広報担当者は、協議は来週も続くと記者団に語った。",
        "学校は月曜日に再開し、ほとんどの生徒が教室に戻った。",
    ),
    "tr": (
        "Hükümet haftalarca süren görüşmelerin ardından salı günü yeni bütçeyi açıkladı.",
        "Birçok ülkeden bakanlar ticaret ve güvenliği görüşmek için başkentte bir araya geldi.",
        "Belediye meclisi nehir üzerine yeni bir köprü yapılmasına karar verdi.",
        "Resmi rakamlara göre gıda ve enerji fiyatları geçen ay yeniden yükseldi.",
        "Cumhurbaşkanı anlaşmanın iki ülkenin ekonomisine de yardımcı olacağını söyledi.",
        "İtfaiyeciler çalışırken polis yolu birkaç saat kapattı.",
        "Sözcü, görüşmelerin gelecek hafta süreceğini gazetecilere söyledi.",
        "Okullar pazartesi günü yeniden açıldı ve öğrencilerin çoğu sınıflarına döndü.",
    ),
}

# Letters, digits and punctuation every tokenizer should know, so that real
# article text maps to pieces rather than <unk>.
COMMON_CHARS = (
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 "
    ". , ; : ! ? ' \" ( ) [ ] - – — … “ ” ‘ ’ « » % & / @ # € $ £ + = * _"
)
EXTRA_CHARS: dict[str, str] = {
    "fr": "àâæçéèêëîïôœùûüÿ ÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ",
    "de": "äöüß ÄÖÜ",
    "es": "áéíñóúü¿¡ ÁÉÍÑÓÚÜ",
    "it": "àèéìíîòóùú ÀÈÉÌÒÙ",
    "pt": "áâãàçéêíóôõú ÁÂÃÀÇÉÊÍÓÔÕÚ",
    "nl": "ëïéèöü ËÏÉÖÜ",
    "pl": "ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ",
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى ، ؛ ؟ ٠١٢٣٤٥٦٧٨٩",
    "zh": "，。、：；？！“”（）《》",
    "ja": "、。「」・ー",
    "tr": "çğıöşü ÇĞİÖŞÜ",
}


def corpus_lines(language: str, *, repeats: int = 6, seed: int = 0) -> list[str]:
    """Sentences of ``language`` (English when unknown), shuffled recombinations and the alphabet.

    Recombining words gives the trainer more (deterministic) variety than the
    few written sentences alone.
    """
    sentences = list(SENTENCES.get(language, SENTENCES["en"]))
    rng = random.Random(f"{language}:{seed}")
    words = [w for s in sentences for w in s.split()]
    lines = list(sentences)
    for _ in range(repeats * len(sentences)):
        lines.append(" ".join(rng.choice(words) for _ in range(rng.randint(5, 14))))
    alphabet = COMMON_CHARS + " " + EXTRA_CHARS.get(language, "")
    lines.extend([alphabet, " ".join(alphabet.split())])
    return lines


def all_corpus_lines(seed: int = 0) -> list[str]:
    return [line for lang in sorted(SENTENCES) for line in corpus_lines(lang, seed=seed)]
