/**
 * Passwords an attacker tries first, written as the patterns they come from (no downloaded list):
 * a common word, name or keyboard walk followed by a common ending ("Qwerty1234", "Matkhau@123").
 * Entries are compact: folded to lower case without accents, spaces or symbols (see password-rule.ts).
 */

const words = (text: string) => text.trim().split(/\s+/);

const WORDS_EN = words(`
  password passw0rd pass passwd welcome letmein admin administrator root login master secret dragon monkey
  football baseball soccer sunshine princess iloveyou shadow superman batman trustno1 hello freedom whatever
  starwars computer internet google facebook samsung apple iphone changeme default test testing guest summer
  winter spring autumn love lovely killer michael jordan charlie hunter ranger tigger ginger pepper cheese
  chocolate flower orange banana user system server office company secure security private access account
  money family friend happy lucky angel baby honey matrix pokemon naruto liverpool chelsea arsenal manchester
  barcelona realmadrid messi ronaldo
`);

const WORDS_VI = words(`
  matkhau matkhaumoi matkhaucuatoi doimatkhau anhyeuem emyeuanh yeuem yeuanh vietnam vietnamvodich hanoi
  saigon hochiminh danang haiphong hungyen quantri quantrivien nguoidung taikhoan dangnhap xinchao chiso ubnd
  hdnd sonoivu noivu vanphong congchuc canbo hoso baocao ketoan phuong tinh thanhpho huyen coquan nguyen tran
  pham hoang huynh phan dang bui duong minh anh linh huong trang hung dung tuan nam hai long thanh hoa mai lan
  ngoc thu hien khanh quang duc son phong huy hieu thao quynh trung tien cuong
`);

/** Keyboard walks and alphabet runs, typed in one movement. */
const WALKS = words(`
  qwerty qwertyui qwertyuiop qwer qwe asdf asdfgh asdfghjkl zxcv zxcvbn zxcvbnm qazwsx qazwsxedc qweasd
  qweasdzxc abc abcd abcde abcdef abcxyz a aa aaa aaaa q x xyz iloveu ok
`);

/** Whole passwords that are walks of letters and digits together. */
const MIXED_WALKS = words(`
  1qaz2wsx 1qaz2wsx3edc 1qazxsw2 zaq12wsx zaq12wsxcde3 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4 q1w2e3r4t5
  q1w2e3r4t5y6 a1b2c3d4 a1b2c3d4e5 1a2b3c4d5e qwe123qwe abc123abc 0987654321a a0987654321 123456789a
  a123456789 1234567890a a1234567890 123456789q 123qweasd 123qweasdzxc 1234qwer 1234qwerasdf 12345qwert
  123456qwerty qwerty123456
`);

const ENDINGS = [
  '',
  ...words(`
    1 12 123 1234 12345 123456 1234567 12345678 123456789 1234567890 0 00 000 01 11 111 1111 11111 111111
    2 22 222 69 88 99 321 4321 54321 654321 987654321 123123 112233 6789 789 1357 2468 6868 686868 8888
    9999 666 6666 0000 1212 2580 147258 147258369 3979
  `),
];

// Years people add to a word (born, joined, this year).
const YEARS = Array.from({ length: 2031 - 1980 }, (_, i) => String(1980 + i));
const PREFIXES = ['123', '1234', '12345', '123456'];

/**
 * Only entries the other rules could let through are worth keeping: letters and digits, and at least
 * 8 characters (a 10-character password with two symbols, "Abc@12345!", compacts to 8).
 */
const isCandidate = (value: string) => value.length >= 8 && /[a-z]/.test(value) && /\d/.test(value);

function generate(): Set<string> {
  const list = new Set<string>();
  const add = (value: string) => {
    if (isCandidate(value)) list.add(value);
  };
  for (const word of [...WORDS_EN, ...WORDS_VI]) for (const year of YEARS) add(word + year);
  for (const word of [...WORDS_EN, ...WORDS_VI, ...WALKS]) {
    for (const ending of ENDINGS) add(word + ending);
    for (const prefix of PREFIXES) add(prefix + word);
  }
  for (const walk of MIXED_WALKS) for (const ending of ENDINGS) add(walk + ending);
  return list;
}

export const COMMON_PASSWORDS: ReadonlySet<string> = generate();
