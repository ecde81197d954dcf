/**
 * The concept groups of the stub embedding model (concept-embedder.ts): each line names words that
 * mean about the same thing; the first word is the concept's key. A word may sit in several groups
 * (its weight is shared). `~` marks a weak group (generic words, counted at a fraction), and
 * `> key` gives a broader concept the group also counts towards, at half weight.
 * Words are written plainly: the embedder stems them the same way as the text it reads, and
 * forms its light stemmer cannot join (bought, ate, children) are listed as words of their own.
 */
export const LEXICON = `
car automobile auto vehicle sedan motorcar hatchback suv cars
truck lorry pickup van > car
motorcycle motorbike scooter moped > car
bicycle bike cycle cycling cyclist
bus coach shuttle minibus > transport
train railway rail subway metro tram locomotive > transport
transport transportation transit commute commuting
plane airplane aeroplane aircraft jet airliner flight fly flying flew flown > travel
airport terminal runway departure arrivals > travel
boat vessel ferry yacht sailboat canoe kayak cruise > travel
road highway street motorway freeway avenue route
traffic congestion gridlock jam
drive driving drove driven driver steer
parking park garage carpark
fuel gas gasoline petrol diesel refuel
engine motor transmission gearbox clutch
tire tyre wheel wheels puncture flat
mechanic technician repairman garage > fix
accident crash collision wreck smashup
broken broke break breakdown malfunction malfunctioning faulty damaged busted > problem
fix repair mend patch restore troubleshoot fixing repaired mended
error bug fault defect glitch flaw exception failure > problem
problem issue trouble difficulty snag complication
crash crashed freeze froze frozen hang hung unresponsive stalled > problem
fast quick rapid speedy swift quickly rapidly faster fastest hurry speed
slow sluggish laggy lag slower slowest slowly latency
delay delayed late postpone postponed reschedule defer
performance throughput efficiency optimize optimise optimization optimisation tuning benchmark
doctor physician gp medic clinician surgeon > health
nurse nursing caregiver carer > health
hospital clinic infirmary ward emergency > health
medicine medication drug drugs pill pills prescription dose painkiller > health
sick ill unwell ailing illness sickness disease poorly nauseous > health
fever temperature cough sneeze sneezing flu influenza symptom symptoms > sick
pain ache aching hurt hurts sore painful > health
headache migraine > pain
injury injured wound bruise sprain fracture > health
health healthy wellness wellbeing
exercise workout gym jogging fitness
diet nutrition calorie calories protein vitamins
sleep asleep nap slept sleeping insomnia bedtime
tired exhausted weary fatigue sleepy drowsy worn
dentist tooth teeth dental cavity > health
happy glad joyful cheerful delighted pleased joy happiness elated thrilled
sad unhappy sorrow depressed gloomy miserable heartbroken grief
angry mad furious annoyed irritated rage anger frustrated
fear afraid scared frightened fearful terrified
worry worried anxious anxiety nervous stress stressed stressful tense overwhelmed
calm relaxed peaceful serene tranquil relax relaxing
love adore cherish affection fond loving
hate despise loathe detest dislike
friend buddy pal companion friendship friends
family relatives relative kin household families
parent mother father mom mum dad parents mommy daddy
child kid kids children son daughter youngster
baby infant newborn toddler babies
spouse wife husband partner married
wedding marriage bride groom engagement
party celebration celebrate festivity festivities
birthday anniversary > party
gift present gifts presents
teacher tutor instructor professor educator lecturer > education
student pupil learner classmate > education
school college university campus academy > education
education study studying learn learning lesson course class tutorial taught
exam test quiz assessment midterm final > education
homework assignment coursework > education
book novel textbook paperback ebook
read reading reader
write writing wrote written author draft compose essay
poem poetry poet verse haiku sonnet rhyme lyric > write
music song songs tune melody album track playlist
movie film cinema films movies
game games gaming videogame play playing
sport football soccer basketball tennis baseball hockey
team squad crew
house home residence dwelling apartment flat condo housing
kitchen pantry stove oven > house
bedroom bed mattress pillow > house
bathroom toilet restroom lavatory washroom shower > house
rent lease landlord tenant renting rental
furniture sofa couch chair table desk cupboard
clean cleaning tidy wash washing scrub vacuum dusting
garden yard backyard lawn gardening
plant flower flowers tree shrub seeds
meal dinner lunch breakfast supper brunch > food
eat eating ate eaten dine dining consume > food
food cuisine groceries grocery snack snacks
cook cooking bake baking roast fry frying grill prepare chef cooked baked > food
recipe recipes dish ingredients cookbook > food
bread loaf sourdough dough baguette bakery > food
cake dessert pastry pie cookie cookies biscuit muffin > food
fruit banana apple orange berry berries grape mango > food
vegetable vegetables veggie carrot broccoli spinach salad > food
meat beef pork chicken steak lamb > food
coffee espresso latte cappuccino caffeine
tea chai
drink beverage juice soda drinks
alcohol wine beer liquor whiskey cocktail
restaurant cafe diner bistro eatery takeaway takeout
hungry starving famished appetite
delicious tasty yummy flavorful savory
dog puppy canine hound pup doggy puppies dogs > pet
cat kitten feline kitty cats kittens > pet
pet pets animal animals vet veterinarian
bird parrot birds
horse pony
money cash funds currency dollars euros
pay payment paid paying
price cost fee fees charge pricing
expensive pricey costly overpriced
cheap inexpensive affordable bargain discount
buy purchase acquire bought purchased shopping
sell sold selling sale
invoice bill receipt billing statement bills > pay
bank banking atm
loan mortgage credit debt borrow lend lending
tax taxes vat
salary wage wages income earnings paycheck
budget budgeting spending expenses
savings save saving
invest investment stocks shares portfolio
refund reimbursement reimburse rebate
job work career occupation employment profession working
employee worker staff colleague coworker teammate
boss manager supervisor
company business firm organization organisation corporation enterprise startup
meeting appointment call conference session standup meet
schedule calendar agenda timetable
deadline due overdue
project initiative
task todo chore chores
email mail inbox e-mail emails
phone telephone mobile cellphone smartphone call
interview hiring recruit recruiting candidate
resign quit resignation
vacation holiday leave pto sabbatical holidays
travel trip journey voyage tour travelling traveling traveled travelled
hotel motel inn hostel lodging accommodation
luggage baggage suitcase
passport visa
booking reservation reserve ticket tickets booked
beach seaside coast shore
ocean sea seas marine waves tide > beach
mountain mountains hill hike hiking trek
city town urban metropolis downtown
country nation
weather forecast climate temperature
rain raining rainy drizzle downpour > weather
storm thunderstorm hurricane tornado > weather
snow snowing snowy blizzard > weather
hot warm heat heatwave > weather
cold chilly freezing cool > weather
sunny sunshine sun > weather
begin start commence started starting launch initiate kickoff beginning
end finish conclude complete ending finished completion done
morning dawn sunrise
evening night dusk tonight
week weekly
weekend saturday sunday
year annual yearly
month monthly
big large huge enormous giant massive
small tiny little miniature compact
~good great excellent fine nice wonderful
~bad poor terrible awful horrible
easy simple straightforward effortless easily
hard difficult tough challenging complicated complex
important crucial essential vital critical
new fresh recent latest modern
old ancient aged outdated obsolete legacy
help assist support aid assistance
question ask inquire inquiry
answer reply respond response
explain describe clarify explanation
search find look locate discover lookup
create make build generate produce
delete remove erase eliminate discard
add insert append include
change modify alter edit adjust tweak
update upgrade refresh
send sent deliver delivery dispatch
stop halt cease pause
wait waiting await
move moving relocate relocation
choose select pick choice option decide decision
compare comparison versus difference
plan planning strategy
prepare ready prep preparation practise practice rehearse rehearsal
improve improvement enhance boost
try attempt
computer pc laptop desktop workstation
server host backend
database db datastore sql postgres mysql sqlite
query queries
code coding program programming source script
developer programmer engineer coder dev
software application app program tool
website site webpage homepage
browser chrome firefox safari
network internet online wifi connectivity connection
deploy deployment release ship rollout publish deployed shipped
test testing tests qa
password passphrase credential credentials pin passcode
login signin sign authenticate authentication logon
account profile user username
security secure protection safety
hack hacked hacker breach attack exploit vulnerability
encrypt encryption cipher encrypted
backup backups snapshot
file files document documents doc
folder directory
upload uploaded uploading
download downloaded downloading
install installation setup installer
settings setting configure configuration config preferences
api endpoint interface
memory ram
storage disk ssd drive
cpu processor
gpu graphics
cloud aws azure gcp
container docker kubernetes k8s
log logs logging
monitor monitoring alert alerts dashboard metrics
cache caching cached
timeout timeouts
git commit branch merge repository repo
version versions
documentation docs manual guide readme
conversation chat discuss discussion talk talking
ai llm gpt chatbot assistant
data dataset information info
translate translation translator
printer print printing
screen display
keyboard typing
battery charger charging
picture photo image photograph pic photos pictures images
video clip footage videos
noise loud noisy sound
quiet silent silence
idea concept thought notion
solve solution solved resolve resolved workaround
cause reason
result outcome consequence
goal objective aim target
law legal lawyer attorney court
rule policy regulation guideline rules
contract agreement deal
insurance insured coverage
clothes clothing garment outfit shirt dress wear
shoe shoes boots sneakers
store shop mall outlet
news headline article
police cop officer
fire flame blaze
lost missing misplaced
steal stolen theft thief robbery
dirty filthy messy
smell odor odour stink
neighbor neighbour neighbors neighbours
vote election elect
war battle conflict
science scientific research experiment
math mathematics arithmetic calculate calculation
spreadsheet excel
presentation slides powerpoint
summary summarize summarise recap overview
report reports reporting
weight heavy
language english french spanish german
`;
